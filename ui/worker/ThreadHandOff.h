// Queued calls between the worker's thread and the window's, made visible to ThreadSanitizer.
//
// Debian's Qt is not built with ThreadSanitizer, so TSan cannot see the mutex that orders Qt's
// posted-event queue: to it, a call queued in one thread (MainWindow::toWorker, a signal to the
// window) races with the same call running in the other, and every queued slot is a false
// report. Suppressing those by Qt's frames would hide every race in a slot too, since all slots
// run under Qt's event loop. Instead, in TSan builds (scripts/test.sh --tsan), the project
// queues each call for another thread inside a HandOffLock naming that thread, and Qt is asked
// to take the same lock before it delivers any event (QInternal::EventNotifyCallback). TSan then
// sees exactly the order Qt's queue gives: what a thread wrote before queuing a call for thread
// T happens before T's next event, and nothing else is ordered (the lock itself is hidden from
// TSan; the order is a release on T when the lock is let go and an acquire in T after taking
// it). Outside TSan builds a HandOffLock does nothing and costs nothing.
#pragma once

class QThread;

namespace gs::ui {

#if defined(__SANITIZE_THREAD__)
class HandOffLock {
public:
    explicit HandOffLock(const QThread* to);
    ~HandOffLock();
    HandOffLock(const HandOffLock&) = delete;
    HandOffLock& operator=(const HandOffLock&) = delete;

private:
    const QThread* m_to;
};
#else
class HandOffLock {
public:
    explicit HandOffLock(const QThread*) {}
};
#endif

} // namespace gs::ui
