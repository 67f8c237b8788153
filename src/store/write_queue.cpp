#include "store/write_queue.h"

#include <future>

namespace zx {

Status RunGuarded(const WorkFn& fn, Connection& c) {
  try {
    return fn(c);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("write failed: ") + e.what());
  }
}

WriteQueue::WriteQueue(BatchFn run_batch) : run_batch_(std::move(run_batch)) {
  thread_ = std::thread([this] { Loop(); });
}

WriteQueue::~WriteQueue() { Close(); }

void WriteQueue::Enqueue(WorkFn fn, bool alone, std::function<void(Status)> done) {
  auto job = std::make_unique<WriteJob>();
  job->fn = std::move(fn);
  job->alone = alone;
  job->done = std::move(done);
  {
    std::lock_guard lock(mu_);
    if (!closed_) {
      queue_.push_back(std::move(job));
      job = nullptr;
    }
  }
  if (job) return job->done(Status::Unavailable("database is closed"));
  cv_.notify_one();
}

Status WriteQueue::Wait(WorkFn fn, bool alone) {
  auto promise = std::make_shared<std::promise<Status>>();
  auto fut = promise->get_future();
  Enqueue(std::move(fn), alone, [promise](Status s) { promise->set_value(std::move(s)); });
  return fut.get();
}

void WriteQueue::Close() {
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    closed_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WriteQueue::Loop() {
  for (;;) {
    std::vector<std::unique_ptr<WriteJob>> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return closed_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closed and drained
      // A bulk job runs on its own; otherwise take up to kMaxBatch ordinary jobs.
      if (queue_.front()->alone) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      } else {
        while (!queue_.empty() && !queue_.front()->alone && batch.size() < kMaxBatch) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
    }
    run_batch_(batch);
  }
}

}  // namespace zx
