// Tensor and Shape: construction, views, resizing without reallocation, and bad shapes.
#include "TestUtil.h"
#include "core/Tensor.h"

using namespace gs;

class TestTensor : public QObject {
    Q_OBJECT
private slots:
    void shapeBasics() {
        const Shape s{2, 3, 4};
        QCOMPARE(s.rank(), 3);
        QCOMPARE(s.numel(), Index(24));
        QCOMPARE(s.rows(), Index(2));
        QCOMPARE(s.cols(), Index(12));
        QCOMPARE(s.str(), std::string("[2, 3, 4]"));
        QCOMPARE(Shape{}.numel(), Index(1));
        QCOMPARE(Shape{}.str(), std::string("[]"));
        QVERIFY(Shape({2, 3}) == Shape::fromVector({2, 3}));
        QVERIFY(Shape({2, 3}) != Shape({3, 2}));
    }

    void badShapes() {
        GS_EXPECT_THROW_MSG(Shape({1, 2, 3, 4, 5}), ShapeError, {"at most 4"});
        GS_EXPECT_THROW_MSG(Shape({2, -1}), ShapeError, {"negative"});
        GS_EXPECT_THROW_MSG(Shape({1 << 20, 1 << 20}), ShapeError, {"too large"});
        GS_EXPECT_THROW_MSG(Tensor(Shape{2, 2}, std::vector<Scalar>{1, 2, 3}), ShapeError,
                            {"[2, 2]", "needs 4", "got 3"});
    }

    void matrixViewIsRowMajorBatchFirst() {
        Tensor t = test::tensor({2, 3}, {1, 2, 3, 4, 5, 6});
        QCOMPARE(t.matrix()(0, 2), Scalar(3));
        QCOMPARE(t.matrix()(1, 0), Scalar(4));
        Tensor image = test::tensor({2, 1, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
        QCOMPARE(image.rows(), Index(2));
        QCOMPARE(image.cols(), Index(4));
        QCOMPARE(image.matrix()(1, 3), Scalar(8));
    }

    void itemNeedsOneElement() {
        QCOMPARE(Tensor::scalar(2.5).item(), Scalar(2.5));
        GS_EXPECT_THROW_MSG(Tensor(Shape{2}).item(), ShapeError, {"[2]"});
    }

    void resizeKeepsBuffer() {
        Tensor t(Shape{64, 128});
        const Scalar* before = t.data();
        t.resize({32, 128});
        t.resize({64, 128});
        QCOMPARE(t.data(), before);
        QCOMPARE(t.shape(), (Shape{64, 128}));
    }

    void reshapeChecksCount() {
        Tensor t = test::tensor({2, 3}, {1, 2, 3, 4, 5, 6});
        t.reshape({3, 2});
        QCOMPARE(t.shape(), (Shape{3, 2}));
        QCOMPARE(t[5], Scalar(6));
        GS_EXPECT_THROW_MSG(t.reshape({4, 2}), ShapeError, {"[3, 2]", "[4, 2]"});
    }
};

QTEST_APPLESS_MAIN(TestTensor)
#include "tst_tensor.moc"
