// The 2562 Chachoengsao มชช. round of seed 004, as the office profile holds it (tests only).
import type { MchchRound } from '../../src/office/mchch-settings';

export const ROUND_2562: MchchRound = {
  id: '2562-chachoengsao',
  label: 'มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา)',
  opens: '2019-01-11',
  localCutoff: '2019-02-04',
  districtDeadline: '2019-02-11',
  district: { name: 'สำนักงานพัฒนาชุมชนอำเภอ' },
  mode: 'prepare_only',
  source: 'หนังสือจังหวัดฉะเชิงเทรา ที่ ฉช ๐๐๑๙/ว ๑๖๙ ลงวันที่ ๑๑ มกราคม ๒๕๖๒',
};
