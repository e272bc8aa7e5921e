/**
 * The tests never run in Copenhagen time, so they show that dates and calendars come out right
 * on a server in any zone: New York unless TZ names another zone (e.g. `TZ=Asia/Tokyo npx jest`).
 * Set here, before Jest starts its workers, which inherit it.
 */
module.exports = async function globalSetup() {
  if (!process.env.TZ || process.env.TZ === 'Europe/Copenhagen') process.env.TZ = 'America/New_York';
};
