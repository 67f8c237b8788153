// Status and Result<T>: how expected failures cross module boundaries (no exceptions across modules).
// Thread-safety: plain values; safe to copy between threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace zx {

enum class Code {
  kOk = 0,
  kInvalidArgument,   // bad input; `field` names what was wrong
  kUnauthenticated,   // no or expired session
  kPermissionDenied,  // authenticated, but the role may not do this
  kNotFound,          // absent, or outside the caller's scope (the two look the same on purpose)
  kConflict,          // duplicate or state clash
  kPayloadTooLarge,
  kLocked,            // account locked after failed logins
  kTooManyRequests,
  kUnavailable,       // database busy or gone; retrying may help
  kInternal,
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message, std::string field = {}) {
    return Status(Code::kInvalidArgument, std::move(message), std::move(field));
  }
  static Status Unauthenticated(std::string m) { return Status(Code::kUnauthenticated, std::move(m)); }
  static Status PermissionDenied(std::string m) { return Status(Code::kPermissionDenied, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status Conflict(std::string m, std::string field = {}) {
    return Status(Code::kConflict, std::move(m), std::move(field));
  }
  static Status PayloadTooLarge(std::string m) { return Status(Code::kPayloadTooLarge, std::move(m)); }
  static Status Locked(std::string m) { return Status(Code::kLocked, std::move(m)); }
  static Status TooManyRequests(std::string m) { return Status(Code::kTooManyRequests, std::move(m)); }
  static Status Unavailable(std::string m) { return Status(Code::kUnavailable, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }

  // Adds context in front of the message, e.g. "line 12: " for importers.
  Status WithPrefix(const std::string& prefix) const {
    Status s = *this;
    s.message_ = prefix + s.message_;
    return s;
  }
  std::string ToString() const;

 private:
  Status(Code code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
};

// The stable machine-readable name of a code, as used in the API's error shape.
const char* CodeName(Code code);

template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace zx

#define ZX_CONCAT_INNER(a, b) a##b
#define ZX_CONCAT(a, b) ZX_CONCAT_INNER(a, b)

// Returns early from the enclosing function when a Status is not ok.
#define ZX_RETURN_IF_ERROR(expr)              \
  do {                                        \
    ::zx::Status zx_status_ = (expr);         \
    if (!zx_status_.ok()) return zx_status_;  \
  } while (0)

// ZX_ASSIGN_OR_RETURN(auto x, MakeX()); binds the value or returns the error.
#define ZX_ASSIGN_OR_RETURN(lhs, expr)                                     \
  auto ZX_CONCAT(zx_result_, __LINE__) = (expr);                           \
  if (!ZX_CONCAT(zx_result_, __LINE__).ok())                               \
    return ZX_CONCAT(zx_result_, __LINE__).status();                       \
  lhs = std::move(ZX_CONCAT(zx_result_, __LINE__)).value()
