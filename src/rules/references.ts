// The legal and documentary sources the allowance rules rest on, one entry per source.
// Parameters and decision clauses point here, so staff can open the page behind any answer.
// Keys in brackets ([E13], [D2] …) are the source keys of the research notes (welfare-rules.md §8).

export interface LegalReference {
  title: string;
  url: string;
}

export const REFERENCES = {
  elderlyRegulation2566: {
    title:
      'ระเบียบกระทรวงมหาดไทย ว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2566 (ราชกิจจานุเบกษา เล่ม 140 ตอนพิเศษ 192 ง, มีผล 12 ส.ค. 2566) [E2]',
    url: 'https://tuatid.com/community/17498/',
  },
  elderlyInterimCriteria: {
    title: 'อบต.กระเบื้องใหญ่: ระหว่างรอเกณฑ์รายได้ ให้ใช้คุณสมบัติเดิม [E6]',
    url: 'https://www.krabuangyai.go.th/archives/11603',
  },
  elderlyFy2570Notice: {
    title: 'muangfak.go.th: ยืนยันสิทธิเบี้ยยังชีพผู้สูงอายุ ปีงบประมาณ 2570 (ต.ค.–พ.ย. 2568, ม.ค.–ก.ย. 2569) [E13]',
    url: 'https://muangfak.go.th/select_news.php?news_id=168',
  },
  elderlyCriteriaQa: {
    title: 'qa.thailand.go.th: คุณสมบัติผู้มีสิทธิรับเบี้ยยังชีพผู้สูงอายุ [E41]',
    url: 'https://qa.thailand.go.th/issue-focus-detail/001_01_232?hl=th',
  },
  elderlyExclusions2552: {
    title: 'ศูนย์บริการประชาชน 1111: ผู้ไม่มีสิทธิ และข้อยกเว้นผู้รับเบี้ยความพิการ/ผู้ป่วยเอดส์ [E18]',
    url: 'http://www.gcc.go.th/gcc1111/index.php?view=article&catid=129%3Asocial&id=1477%3A2011-12-24-03-37-25&tmpl=component&print=1&layout=default&page=&option=com_content',
  },
  elderlyTieredRates: {
    title: 'มติคณะรัฐมนตรี: เบี้ยยังชีพขั้นบันได 600/700/800/1,000 บาท ตั้งแต่ 1 ต.ค. 2554 [E25]',
    url: 'https://mgronline.com/uptodate/detail/9540000132929',
  },
  elderlyRatesUnchanged2568: {
    title: 'The Thaiger 11 พ.ย. 2568: จ่าย 10 พ.ย. 2568 อัตราเดิม [E12]',
    url: 'https://thethaiger.com/th/news/1484800/',
  },
  elderlyRegistrationRounds: {
    title: 'หนังสือ มท ด่วนที่สุด ที่ มท 0810.6/ว 5752 (25 ก.ย. 2563): รับลงทะเบียน ต.ค.–พ.ย. และ ม.ค.–ก.ย. [E20]',
    url: 'https://phorchor.com/%E0%B8%A5%E0%B8%87%E0%B8%97%E0%B8%B0%E0%B9%80%E0%B8%9A%E0%B8%B5%E0%B8%A2%E0%B8%99%E0%B9%80%E0%B8%9A%E0%B8%B5%E0%B9%89%E0%B8%A2%E0%B8%A2%E0%B8%B1%E0%B8%87%E0%B8%8A%E0%B8%B5%E0%B8%9E%E0%B8%9C%E0%B8%B9%E0%B9%89%E0%B8%AA%E0%B8%B9%E0%B8%87%E0%B8%AD%E0%B8%B2%E0%B8%A2%E0%B8%B8-2565/',
  },
  elderlyCohortCutoff: {
    title: 'ศูนย์บริการประชาชน 1111: ลงทะเบียนปีงบประมาณ 2565 (เกิดก่อน 2 ก.ย.) [E16]',
    url: 'https://www.gcc.go.th/webgcc/?p=14766',
  },
  elderlyFirstPayment: {
    title: 'ศูนย์บริการประชาชน 1111: ลงทะเบียนล่วงหน้า รับเงินเดือนถัดจากเดือนที่อายุครบ 60 ปี [E17]',
    url: 'http://www.gcc.go.th/gcc1111/index.php?option=com_content&view=article&id=17982:elderly61&catid=117:social&Itemid=55',
  },
  elderlyLateRegistration: {
    title: 'กรุงเทพธุรกิจ (มี.ค. 2567): ลงทะเบียนปีนี้ รับเงินปีงบประมาณถัดไป [E33]',
    url: 'https://www.bangkokbiznews.com/news/news-update/1115148',
  },
  elderlyDocuments: {
    title: 'อบต.กระเบื้องใหญ่: เอกสารยืนยันสิทธิ/ย้ายภูมิลำเนา [E28c]',
    url: 'https://www.krabuangyai.go.th/archives/3698',
  },
  elderlyConfirmationForm: {
    title: 'ระเบียบ พ.ศ. 2566 หมวด 2 ข้อ 7: แบบยืนยันสิทธิ (livinginthailand) [E30]',
    url: 'http://livinginthailand.com/sup-income-elder-3.html',
  },
  elderlyProxy: {
    title: 'bangyeetho.go.th: ผู้สูงอายุมอบอำนาจเป็นลายลักษณ์อักษรให้ผู้อื่นยื่นแทนได้ [E29]',
    url: 'https://www.bangyeetho.go.th/detail.php?id=345',
  },
  paymentDay: {
    title: 'กรมบัญชีกลางจ่ายตรงตั้งแต่ ม.ค. 2563 ทุกวันที่ 10 (ตรงวันหยุดจ่ายวันทำการก่อนหน้า) [E26]',
    url: 'https://tamkrataitong.go.th/index.php/information-news/item/22-the-payment-of-elderly-allowances',
  },
  thaiAgeCounting: {
    title: 'กรมสุขภาพจิต: การนับอายุ (เกิด 1 ต.ค. 2492 ครบ 60 ปีบริบูรณ์ 30 ก.ย. 2552) [E22]',
    url: 'https://dmh.go.th/faq/person06.asp',
  },
  civilCodeSection16: {
    title: 'ประมวลกฎหมายแพ่งและพาณิชย์ มาตรา 16 (ไม่รู้วันเกิด นับวันที่ 1 / ไม่รู้เดือน นับ 1 ม.ค.) [E23]',
    url: 'https://drthawip.com/node/1540',
  },
  thaiYearBefore2484: {
    title: 'ปฏิทินไทย: ก่อน พ.ศ. 2484 ขึ้นปีใหม่ 1 เมษายน (ม.ค.–มี.ค. ค.ศ. = พ.ศ. − 542) [T9]',
    url: 'https://siam.wiki/content/ปฏิทินไทย/การเทียบปีกับปฏิทินอื่น.html',
  },
  fiscalYear: {
    title: 'iTAX pedia: ปีงบประมาณ 1 ต.ค. – 30 ก.ย. [T7]',
    url: 'https://www.itax.in.th/pedia/%E0%B8%9B%E0%B8%B5%E0%B8%87%E0%B8%9A%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%A1%E0%B8%B2%E0%B8%93/',
  },
  elderlyDecemberWindow: {
    title: 'klongjinda.go.th: รับลงทะเบียน ต.ค.–ธ.ค. 2566 และ ม.ค.–ก.ย. 2567 (รวมเดือนธันวาคม) [E15]',
    url: 'https://www.klongjinda.go.th/16608686/%E0%B9%80%E0%B8%9A%E0%B8%B5%E0%B9%89%E0%B8%A2%E0%B8%A2%E0%B8%B1%E0%B8%87%E0%B8%8A%E0%B8%B5%E0%B8%9E%E0%B8%9C%E0%B8%B9%E0%B9%89%E0%B8%AA%E0%B8%B9%E0%B8%87%E0%B8%AD%E0%B8%B2%E0%B8%A2%E0%B8%B8',
  },
  elderlyBandNextMonth: {
    title: '18pee: เลื่อนขั้นเบี้ยเดือนถัดจากเดือนที่อายุถึงขั้นใหม่ ตั้งแต่ปีงบประมาณ 2567 [E31]',
    url: 'https://18pee.com/change-money-older-person/',
  },
  elderlyBandByFiscalYear: {
    title: 'planttip (ส.ค. 2567): ขั้นบันไดคิดตามปีงบประมาณ [E31c]',
    url: 'https://planttip.store/1541',
  },
  elderlyStateSalaryEnding: {
    title: 'lakchang.go.th: ผู้ได้รับเงินเดือนจากรัฐที่จะสิ้นสุด รับลงทะเบียนและตรวจสอบ ณ วันจ่าย [E44]',
    url: 'http://www.lakchang.go.th/detail.php?id=185',
  },
  elderlyMovedDomicile: {
    title: 'nongsaikaow.go.th: ย้ายทะเบียนบ้าน ที่เดิมจ่ายถึง ก.ย. ที่ใหม่จ่ายปีงบประมาณถัดไป ต้องยืนยันสิทธิที่ใหม่ [E28b]',
    url: 'https://www.nongsaikaow.go.th/2461',
  },
  elderlyInstitution2566: {
    title: 'Pattaya Mail 18 ส.ค. 2566: เกณฑ์ใหม่ยังไม่ประกาศ ใช้หลักเกณฑ์เดิมไปก่อน [E7]',
    url: 'https://www.pattayamail.com/thailandnews/new-elderly-allowance-requirements-will-better-help-those-in-need-says-interior-minister-438428',
  },
  proposedIncreases: {
    title: 'Bangkok Post: ข้อเสนอเพิ่มเบี้ยผู้สูงอายุ คนพิการ เด็ก (อนุมัติหลักการ ยังไม่มีผล) [E36]',
    url: 'https://www.bangkokpost.com/thailand/general/2913687/welfare-boost-for-3-vulnerable-groups',
  },
  proposedIncreasesDenied: {
    title: 'กรุงเทพธุรกิจ: กรมกิจการผู้สูงอายุ ยังใช้ระเบียบ 2566 อัตราเดิม ข่าว 1,250 บาทไม่จริง [E9]',
    url: 'https://www.bangkokbiznews.com/news/news-update/1188603',
  },
  disabilityCriteria: {
    title: 'ศูนย์บริการประชาชน 1111: เบี้ยความพิการ คุณสมบัติ เอกสาร ลงทะเบียนหลังได้บัตร [D2]',
    url: 'https://www.gcc.go.th/?p=2821',
  },
  disabilityRegulation2553: {
    title: 'ระเบียบกระทรวงมหาดไทย ว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยความพิการให้คนพิการขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2553 และที่แก้ไขเพิ่มเติม (จ่ายเดือนถัดไป) [D1]',
    url: 'http://bangkrabuecity.go.th/site/index.php?limitstart=880',
  },
  disabilityRate800: {
    title: 'มติคณะรัฐมนตรี 25 พ.ย. 2557: เบี้ยความพิการ 800 บาท ตั้งแต่ปีงบประมาณ 2558 [D3]',
    url: 'http://www.gcc.go.th/gcc1111/index.php?view=article&catid=129%3Asocial&id=1100%3A2011-12-23-03-34-13&tmpl=component&print=1&layout=default&page=&option=com_content',
  },
  disabilityRateUnder18: {
    title: 'มติคณะรัฐมนตรี: คนพิการอายุต่ำกว่า 18 ปี 1,000 บาท ตั้งแต่ 1 ต.ค. 2563 [D5c]',
    url: 'https://www.js100.com/en/site/news/view/86504',
  },
  disabilityRatesConfirmed2565: {
    title: 'ฐานเศรษฐกิจ 9 มี.ค. 2565: 800 บาท (18 ปีขึ้นไป), 1,000 บาท (ต่ำกว่า 18 ปี) [D6]',
    url: 'https://www.thansettakij.com/general-news/516755',
  },
  disabilityExpiredCard: {
    title: 'อบต.ท่าเสา (3 ม.ค. 2567): บัตรคนพิการหมดอายุ กรมบัญชีกลางระงับการจ่าย [D7]',
    url: 'https://thasao-kan.go.th/newspreview?id=649',
  },
  disabilityDocuments: {
    title: 'อบต.ดงคู่: เอกสารลงทะเบียนเบี้ยความพิการ [D10]',
    url: 'http://www.sako.go.th/web/index.php/2021-08-18-02-39-26/162-data-obtsako/all-news/possall/relations-patna',
  },
  disabilityCardDocuments: {
    title: 'อบต.แหลมงอบ: เอกสารขอมีบัตรประจำตัวคนพิการ [K3]',
    url: 'http://www.laemngob.go.th/info/index.php/2020-06-23-09-22-05',
  },
  disabilityCardOneStop: {
    title: 'Pattaya Mail 13 ก.ย. 2566: บริการทำบัตรคนพิการแบบเบ็ดเสร็จที่โรงพยาบาล 111 แห่ง [K7]',
    url: 'https://www.pattayamail.com/thailandnews/govt-allocating-budget-for-comprehensive-disability-welfare-440622',
  },
  disabilityCardRenewalOneYear: {
    title: 'samrongkk.go.th: บัตรคนพิการหมดอายุเกิน 1 ปี ต้องใช้เอกสารรับรองความพิการใหม่ [K1]',
    url: 'https://samrongkk.go.th/activity/user_select_photo.php?news_id=181',
  },
  disabilityCardRenewalTwoYears: {
    title: 'tdm.go.th: บัตรคนพิการหมดอายุเกิน 2 ปี ต้องใช้เอกสารรับรองความพิการใหม่ [K2]',
    url: 'https://www.tdm.go.th/index.php/2021-02-24-02-43-56',
  },
  aidsRegulation2548: {
    title: 'ระเบียบกระทรวงมหาดไทย ว่าด้วยการจ่ายเงินสงเคราะห์เพื่อการยังชีพขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2548 [A4]',
    url: 'http://khokhinhae.com/info/view_info.php?id=%20132',
  },
  aidsCriteria: {
    title: 'maeka.go.th (25 ก.ย. 2568): เบี้ยยังชีพผู้ป่วยเอดส์ 500 บาท คุณสมบัติ เอกสาร [A1]',
    url: 'https://maeka.go.th/article-detail/715',
  },
  aidsCriteriaSymptomatic: {
    title: 'tamboldonchan.go.th: ผู้ป่วยเอดส์ที่ปรากฏอาการ ยากจน/ถูกทอดทิ้ง [A2]',
    url: 'https://tamboldonchan.go.th/public/list/data/detail/id/1446/menu/1615/page/1',
  },
  aidsNotHiv: {
    title: 'phorchor: ผู้ป่วยเอดส์ไม่ใช่ผู้ติดเชื้อ HIV สำหรับเบี้ยนี้ [A6]',
    url: 'https://phorchor.com/%E0%B8%9C%E0%B8%B9%E0%B9%89%E0%B8%9B%E0%B9%88%E0%B8%A7%E0%B8%A2%E0%B9%80%E0%B8%AD%E0%B8%94%E0%B8%AA%E0%B9%8C/',
  },
  aidsAnyTime: {
    title: 'ทต.หนองขอนกว้าง: ยื่นได้ทันที รับเงินเดือนถัดไป [A5]',
    url: 'http://nongkhonkwang.go.th/?page_id=4136',
  },
  aidsProxy: {
    title: 'ทต.ชำฆ้อ: มอบอำนาจ ใบรับรองแพทย์ [A3]',
    url: 'https://www.chamkhocity.go.th/%E0%B9%80%E0%B8%9A%E0%B8%B5%E0%B9%89%E0%B8%A2%E0%B8%A2%E0%B8%B1%E0%B8%87%E0%B8%8A%E0%B8%B5%E0%B8%9E%E0%B8%9C%E0%B8%B9%E0%B9%89%E0%B8%9B%E0%B9%88%E0%B8%A7%E0%B8%A2%E0%B9%80%E0%B8%AD%E0%B8%94%E0%B8%AA/',
  },
} as const satisfies Record<string, LegalReference>;

export type ReferenceId = keyof typeof REFERENCES;
