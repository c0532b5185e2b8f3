//===- Cron.cpp - the cron type ----------------------------------------------===//
// PLACEHOLDER until the cron provider lands: every cron resource fails.
#include "Types.h"

namespace cppet::apply {
namespace {
class CronType final : public ResourceType {
public:
  llvm::StringRef name() const override { return "cron"; }
  std::vector<llvm::StringRef> parameters() const override { return {}; }
  void sync(ResourceRun &Run) override {
    Run.fail("the cron type is not implemented yet");
  }
};
} // namespace

std::unique_ptr<ResourceType> makeCronType() {
  return std::make_unique<CronType>();
}
} // namespace cppet::apply
