// A small MNIST look-alike for the tests that need image data without the real files.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTest>

namespace gs::test {

// A small MNIST look-alike in IDX format: `count` 28×28 images whose label is the row the
// bright bar sits in (0–9), so that the views have something learnable.
void writeFakeMnist(const QString& dir, const QString& prefix, int count) {
    const auto be32 = [](QByteArray& out, quint32 v) {
        for (int shift = 24; shift >= 0; shift -= 8)
            out.append(char((v >> shift) & 0xff));
    };
    QByteArray images, labels;
    be32(images, 0x803);
    be32(images, quint32(count));
    be32(images, 28);
    be32(images, 28);
    be32(labels, 0x801);
    be32(labels, quint32(count));
    for (int i = 0; i < count; ++i) {
        const int label = i % 10;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                images.append(char(y / 3 == label && x > 4 && x < 24 ? 230 : (x * 7 + i) % 17));
        labels.append(char(label));
    }
    QFile fi(dir + "/" + prefix + "-images-idx3-ubyte"),
        fl(dir + "/" + prefix + "-labels-idx1-ubyte");
    QVERIFY(fi.open(QIODevice::WriteOnly) && fl.open(QIODevice::WriteOnly));
    fi.write(images);
    fl.write(labels);
}

// A data folder (GRADSCOPE_DATA, SessionSetup::dataDir) with mnist/ holding `train` training
// and `test` test images of writeFakeMnist's kind.
inline void writeFakeMnistSet(const QString& dataDir, int train, int test) {
    QVERIFY(QDir(dataDir).mkpath(QStringLiteral("mnist")));
    writeFakeMnist(dataDir + QStringLiteral("/mnist"), QStringLiteral("train"), train);
    writeFakeMnist(dataDir + QStringLiteral("/mnist"), QStringLiteral("t10k"), test);
}

} // namespace gs::test
