// A node --test reporter that prints, once the whole run is over, every diagnostic starting with
// "twin " (one line per twin: settings compared and the largest gap; tests/node/twins.mjs's tally).
// Home-made: node's own reporters print a diagnostic where it occurs, in the middle of the run.
export default async function* gaps(source) {
  const lines = [];
  for await (const event of source) {
    if (event.type === "test:diagnostic" && event.data.message.startsWith("twin ")) lines.push(event.data.message);
  }
  if (lines.length) yield `\n${lines.sort().join("\n")}\n`;
}
