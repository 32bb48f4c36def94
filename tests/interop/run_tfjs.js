// Runs a Keras-format model (model.json and its weights) in TensorFlow.js on the CPU, as
// tf.loadLayersModel reads it, and prints its outputs as JSON: one array per sample.
//
//   node run_tfjs.js MODEL.json INPUTS.json
//
// INPUTS.json: {"shape": [N, ...], "data": [...]} in the model's (channels-last) layout.
// NODE_PATH must reach @tensorflow/tfjs-core, -layers and -backend-cpu (scripts/fetch-tfjs.sh).
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const layers = require('@tensorflow/tfjs-layers');

async function main() {
    const [modelPath, inputsPath] = process.argv.slice(2);
    const model = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
    const group = model.weightsManifest[0];
    const bytes = fs.readFileSync(path.join(path.dirname(modelPath), group.paths[0]));
    const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    await tf.setBackend('cpu');
    const net = await layers.loadLayersModel({
        load: async () => ({modelTopology: model.modelTopology, weightSpecs: group.weights,
                            weightData}),
    });
    const inputs = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));
    const y = net.predict(tf.tensor(inputs.data, inputs.shape, 'float32'));
    process.stdout.write(JSON.stringify(await y.array()) + '\n');
}

main().catch((e) => {
    process.stderr.write(`run_tfjs: ${e.stack || e}\n`);
    process.exit(1);
});
