// Preloaded with `node --import` into a camp-bot process to make it believe it started CLOCK_SHIFT_MS later
// (e.g. after the outbox lease of a killed process ran out) without waiting that long in a test.
const shift = Number(process.env.CLOCK_SHIFT_MS ?? 0);
const realNow = Date.now;
Date.now = () => realNow() + shift;
