#include "store/write_queue.h"

#include <future>

#include "store/store_stats.h"

namespace zx {

StoreStats& GlobalStoreStats() {
  static StoreStats stats;
  return stats;
}

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
      GlobalStoreStats().queue_depth.fetch_add(1, std::memory_order_relaxed);
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
    auto& stats = GlobalStoreStats();
    stats.queue_depth.fetch_sub(static_cast<int64_t>(batch.size()), std::memory_order_relaxed);
    // Counted before running: the batch answers its callers, who may read the counters next.
    stats.batches.fetch_add(1, std::memory_order_relaxed);
    stats.batch_jobs.fetch_add(batch.size(), std::memory_order_relaxed);
    auto start = std::chrono::steady_clock::now();
    run_batch_(batch);
    stats.batch_nanos.fetch_add(NanosSince(start), std::memory_order_relaxed);
    // Only the writer thread stores the maximum, so a load and a store suffice.
    if (batch.size() > stats.max_batch.load(std::memory_order_relaxed))
      stats.max_batch.store(batch.size(), std::memory_order_relaxed);
  }
}

}  // namespace zx
