// The writer queue both drivers share: writes wait here, one writer thread takes them in batches
// (up to kMaxBatch ordinary jobs, or one bulk job alone) and hands each batch to the driver, which
// runs it in one transaction and calls every job's `done`. LevelDB's DBImpl::Write queue is the
// model. Thread-safety: Enqueue/Wait from any thread; the batch function runs on the writer thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/database.h"

namespace zx {

struct WriteJob {
  WorkFn fn;
  bool alone = false;
  std::function<void(Status)> done;
};

class WriteQueue {
 public:
  using BatchFn = std::function<void(std::vector<std::unique_ptr<WriteJob>>&)>;
  static constexpr size_t kMaxBatch = 1000;

  explicit WriteQueue(BatchFn run_batch);
  ~WriteQueue();

  // Queues a job; `done` runs on the writer thread after its transaction ends.
  void Enqueue(WorkFn fn, bool alone, std::function<void(Status)> done);
  // Queues a job and waits for its outcome.
  Status Wait(WorkFn fn, bool alone);
  // Runs what is queued, then stops the writer thread. Later jobs fail as Unavailable.
  void Close();

 private:
  void Loop();
  BatchFn run_batch_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<WriteJob>> queue_;
  bool closed_ = false;
  std::thread thread_;
};

// Runs a job's function, turning an escaping exception into an Internal status.
Status RunGuarded(const WorkFn& fn, Connection& c);

}  // namespace zx
