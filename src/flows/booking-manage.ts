// "นัดหมายของฉัน": the user's upcoming visits, each with buttons to move it (the booking flow with
// `reschedule`) or cancel it. Cancelling asks once more, then frees the place, withdraws the
// reminders and tells staff. The buttons carry the visit's time, so an old button never acts on a
// visit that has since been moved; every answer offers the way on.
import { activeBookingOf, cancelVisit } from '../booking/actions';
import { cancelledMessages, cancelQuestion, goneMessages, myBookingsMessages } from '../booking/messages';
import { upcomingBookings } from '../booking/store';
import type { Entry } from './types';

export const myBookingsEntry: Entry = {
  id: 'my-bookings',
  menuLabel: 'นัดหมายของฉัน',
  menuOrder: 30,
  keywords: ['นัดหมายของฉัน', 'นัดของฉัน', 'ดูนัด', 'ดูนัดหมาย', 'นัดของผม', 'นัดของหนู', 'เลื่อนนัด', 'เปลี่ยนนัด', 'ยกเลิกนัด', 'ยกเลิกการจอง'],
  respond: async (ctx) => myBookingsMessages(ctx.services.office, await upcomingBookings(ctx.tx, ctx.services.office.id, ctx.userId, ctx.now.getTime())),
};

/** Reached only by the buttons: params `booking` (id), `at` (its start as shown) and `confirm`. */
export const cancelBookingEntry: Entry = {
  id: 'cancel-booking',
  keywords: [],
  respond: async (ctx, params) => {
    const { office } = ctx.services;
    const booking = await activeBookingOf(ctx.tx, ctx.services.office.id, Number(params.booking), ctx.userId, ctx.now);
    if (!booking || String(booking.startsAt) !== params.at) return goneMessages();
    if (params.confirm !== 'yes') return [cancelQuestion(office, booking)];
    await cancelVisit(ctx.tx, office, booking.id, ctx.userId, ctx.now);
    return cancelledMessages(booking);
  },
};
