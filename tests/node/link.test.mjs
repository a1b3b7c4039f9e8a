// The playground's link (src/bp/js/playground/link.js) and its run as code (playground/code.js):
// settings written into the page address's fragment read back to the same settings (every number
// the same double), one playground's key leaves the others' alone, and a fragment that is not
// valid gives a short reason, never settings. (tests/test_playground_share.py runs the code.)
import {test} from "node:test";
import assert from "node:assert/strict";
import {encodeSettings, decodeSettings, readFragment, writeFragment} from "../../src/bp/js/playground/link.js";
import {dataCall, pythonCode, weightsJson} from "../../src/bp/js/playground/code.js";
import {init} from "../../src/bp/js/mlp.js";

const LIMITS = {
  datasets: [{name: "circles", seed: 0}, {name: "spiral", seed: 0}, {name: "package", seed: null}],
  maxHiddenLayers: 4, maxWidth: 8, activations: ["identity", "sigmoid", "tanh", "relu"], maxEpochs: 1000,
};
const DEFAULTS = {dataset: "circles", hidden_layers: 2, width: 4, activation: "tanh", eta: 0.1, batch_size: 10,
                  epochs: 50, seed: 0, scale: "xavier"};

test("settings survive the link bit for bit", () => {
  const cases = [
    DEFAULTS,
    {...DEFAULTS, dataset: "package", batch_size: null, eta: 3e-4, epochs: 0, seed: 4294967295, scale: "he"},
    {...DEFAULTS, hidden_layers: 0, width: 1, activation: "relu", eta: 0.1 + 0.2, batch_size: 1, scale: 0.7},
    {...DEFAULTS, dataset: "spiral", eta: 1e-7, epochs: 1000, scale: 1 / 3},
  ];
  for (const s of cases) {
    const seed = LIMITS.datasets.find((d) => d.name === s.dataset).seed;
    const text = encodeSettings(s, seed);
    assert.match(text, /^[A-Za-z0-9.:,+-]+$/, "only characters a fragment keeps as they are");
    const hash = writeFragment("#some-heading", "pg2", text);
    assert.deepEqual(decodeSettings(readFragment(hash, "pg2"), LIMITS), {settings: s});
  }
  assert.equal(encodeSettings(DEFAULTS, 0),
               "data:circles,dseed:0,layers:2,width:4,act:tanh,eta:0.1,batch:10,epochs:50,seed:0,scale:xavier");
});

test("two playgrounds keep their own keys; a heading's anchor is dropped", () => {
  let hash = writeFragment("#section-2", "pg1", "a:1");
  hash = writeFragment(hash, "pg3", "b:2");
  assert.equal(hash, "#pg1=a:1&pg3=b:2");
  assert.equal(writeFragment(hash, "pg1", "c:3"), "#pg3=b:2&pg1=c:3");
  assert.equal(readFragment(hash, "pg1"), "a:1");
  assert.equal(readFragment(hash, "pg3"), "b:2");
  assert.equal(readFragment(hash, "pg2"), null);
  assert.equal(readFragment("#pg12", "pg1"), null);
  assert.equal(readFragment("", "pg1"), null);
  assert.equal(readFragment("#%E0%A4%A", "pg1"), null, "a broken escape is no link");
  assert.equal(readFragment(encodeURI("#pg1=data:circles"), "pg1"), "data:circles");
});

test("a fragment that is not valid gives a reason and no settings", () => {
  const good = encodeSettings(DEFAULTS, 0);
  const swap = (key, value) => good.replace(new RegExp(`${key}:[^,]*`), `${key}:${value}`);
  const bad = [
    ["", /is not a setting/], ["garbage", /is not a setting/], [good.replace(",seed:0", ""), /lacks seed/],
    [good + ",seed:1", /is not a setting/], [good + ",color:red", /is not a setting/],
    [swap("data", "moons"), /no data set “moons”/], [swap("dseed", "3"), /seed 0, not 3/],
    [swap("layers", "5"), /hidden layers out of range/], [swap("width", "0"), /width out of range/],
    [swap("act", "gelu"), /activation out of range/], [swap("eta", "-1"), /eta out of range/],
    [swap("eta", "0"), /eta/], [swap("eta", "Infinity"), /eta/], [swap("eta", "1e999"), /eta/],
    [swap("eta", "0x10"), /eta/], [swap("batch", "0"), /batch size/], [swap("batch", "2.5"), /batch size/],
    [swap("epochs", "1001"), /epochs/], [swap("epochs", "-1"), /epochs/], [swap("seed", "4294967296"), /seed/],
    [swap("seed", "01"), /seed/], [swap("scale", "big"), /scale/], [swap("scale", "0"), /scale/],
  ];
  for (const [text, why] of bad) {
    const out = decodeSettings(text, LIMITS);
    assert.equal(out.settings, undefined, text);
    assert.match(out.error, why, text);
    assert.ok(out.error.length < 90, out.error);
  }
});

test("the run as code names bp.data's call, bp.mlp.init's seed and bp.mlp.train's settings", () => {
  const d = {name: "circles", label: "circles", task: "classification", x: Array(200).fill([0, 0]),
             code: "bp.data.circles(200, seed=0)", seed: 0};
  const code = pythonCode({...DEFAULTS, batch_size: null, scale: 0.5}, d);
  assert.match(code, /^X, y = bp\.data\.circles\(200, seed=0\)$/m);
  assert.match(code, /bp\.mlp\.init\(\[2, 4, 4, 1\], seed=0, scale=0\.5\)/);
  assert.match(code, /task="classification", hidden="tanh", eta=0\.1,\n\s+epochs=50, batch_size=None\)/);
  // A stored state from before the call was sent: the same calls, from the page's rows.
  const old = {...d};
  delete old.code;
  delete old.seed;
  assert.deepEqual(dataCall(old), {call: "bp.data.circles(200, seed=0)", seed: 0});
  assert.deepEqual(dataCall({name: "placed", x: []}), {call: "bp.X_STUDENTS, bp.Y_PLACED", seed: null});
});

test("the weights' JSON is bp.mlp.to_json's shape, every number kept", () => {
  const layers = init([2, 3, 1], {seed: 5});
  const back = JSON.parse(weightsJson(layers));
  assert.deepEqual(back.sizes, [2, 3, 1]);
  assert.deepEqual(back.layers[0].W.flat(), Array.from(layers[0].W.data));
  assert.deepEqual(back.layers[1].W, [[layers[1].W.data[0]], [layers[1].W.data[1]], [layers[1].W.data[2]]]);
  assert.deepEqual(back.layers[1].b, [0]);
});
