#include "ThreadHandOff.h"

#if defined(__SANITIZE_THREAD__)

#include <QObject>
#include <QThread>

#include <mutex>

extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);
extern "C" void AnnotateIgnoreSyncBegin(const char* file, int line);
extern "C" void AnnotateIgnoreSyncEnd(const char* file, int line);

namespace gs::ui {

namespace {

// Recursive: a thread may queue a call while Qt delivers an event to it.
std::recursive_mutex& handOffMutex() {
    static std::recursive_mutex mutex;
    return mutex;
}

// The mutex only makes the receiver wait until the sender has queued its call; TSan must not
// take it for an ordering of its own (every thread takes it, so it would order everything).
void lockQuietly() {
    AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
    handOffMutex().lock();
    AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
}

void unlockQuietly() {
    AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
    handOffMutex().unlock();
    AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
}

// Before Qt delivers any event in any thread: whatever was handed to this thread so far is
// ordered before the delivery. Returns false: Qt delivers the event as usual.
bool orderDelivery(void**) {
    lockQuietly();
    unlockQuietly();
    __tsan_acquire(QThread::currentThread());
    return false;
}

const bool kRegistered = QInternal::registerCallback(QInternal::EventNotifyCallback, orderDelivery);

} // namespace

HandOffLock::HandOffLock(const QThread* to)
    : m_to(to) {
    static_cast<void>(kRegistered);
    lockQuietly();
}

HandOffLock::~HandOffLock() {
    __tsan_release(const_cast<QThread*>(m_to)); // after the call was queued, Qt's part included
    unlockQuietly();
}

} // namespace gs::ui

#endif
