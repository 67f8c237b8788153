// Time for the whole program comes from a Clock, so tests can move it (session expiry, lockout).
// Thread-safety: SystemClock is stateless; ManualClock is safe to read and advance from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace zx {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowSeconds() const = 0;  // Unix time, UTC
};

class SystemClock final : public Clock {
 public:
  int64_t NowSeconds() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start) : now_(start) {}
  int64_t NowSeconds() const override { return now_.load(); }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<int64_t> now_;
};

// The system clock moved by a fixed offset: for rehearsals and end-to-end tests that must run on a
// chosen date (serve --clock-offset-seconds).
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(int64_t offset) : offset_(offset) {}
  int64_t NowSeconds() const override { return system_.NowSeconds() + offset_; }

 private:
  SystemClock system_;
  int64_t offset_;
};

// "2026-11-22T08:30:00Z"
std::string FormatUtc(int64_t unix_seconds);

}  // namespace zx
