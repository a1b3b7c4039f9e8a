// The reader's answers, kept in their own browser only (localStorage; nothing is sent anywhere):
// one entry per page and item, {answer, ok}. A browser that refuses storage just keeps nothing.
export const PREFIX = "bp-practice:";
export const CHANGED = "bp-practice-changed";  // the window event after any change (for the chapter's count)

const key = (page, id) => `${PREFIX}${page}:${id}`;

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;  // storage blocked (a privacy setting, a sandboxed frame)
  }
}

export function recall(page, id) {
  try {
    return JSON.parse(storage()?.getItem(key(page, id)) ?? "null");
  } catch {
    return null;
  }
}

function changed() {
  globalThis.dispatchEvent?.(new CustomEvent(CHANGED));
}

export function remember(page, id, answer, ok) {
  try {
    storage()?.setItem(key(page, id), JSON.stringify({answer, ok}));
  } catch { /* full or refused: the page still judges, it just does not remember */ }
  changed();
}

export function forget(page, id) {
  try {
    storage()?.removeItem(key(page, id));
  } catch { /* refused: nothing was kept */ }
  changed();
}

// How many of `keys` ("<page>:<item id>") were last answered right.
export function done(keys) {
  return keys.filter((k) => {
    const [page, ...id] = k.split(":");
    return recall(page, id.join(":"))?.ok === true;
  }).length;
}
