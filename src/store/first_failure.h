#pragma once
// Shared by the drivers (not part of the public API).

#include "base/status.h"

namespace xr::store::internal {

// After a statement fails, a transaction can only be rolled back, on both engines alike
// (PostgreSQL enforces it; SQLite would carry on), so code that swallows an error cannot commit
// half of its work. Each driver transaction keeps one of these.
class FirstFailure {
 public:
  // OK while no statement has failed; afterwards FailedPrecondition naming the first failure.
  // Also FailedPrecondition (not remembered: nothing ran) while ForEachRow is delivering rows,
  // i.e. for a statement issued from inside its callback.
  base::Status CheckUsable() const {
    if (streaming_) {
      return base::FailedPrecondition(
          "a statement was issued from inside a ForEachRow callback on the same transaction");
    }
    if (first_.ok()) return base::Status::Ok();
    return base::FailedPrecondition(
        "an earlier statement in this transaction failed, so it can only be rolled back: " +
        first_.ToString());
  }
  // Records `status` if it is the first failure; returns it unchanged.
  base::Status Remember(base::Status status) {
    if (!status.ok() && first_.ok()) first_ = status;
    return status;
  }
  const base::Status& status() const { return first_; }

  // Marks the transaction busy for as long as it lives (ForEachRow).
  class Streaming {
   public:
    explicit Streaming(FirstFailure& f) : f_(f) { f_.streaming_ = true; }
    ~Streaming() { f_.streaming_ = false; }
    Streaming(const Streaming&) = delete;
    Streaming& operator=(const Streaming&) = delete;

   private:
    FirstFailure& f_;
  };

 private:
  base::Status first_;
  bool streaming_ = false;
};

}  // namespace xr::store::internal
