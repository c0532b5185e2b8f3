//===- Host.cpp - the host type ----------------------------------------------===//
// PLACEHOLDER until the host provider lands: every host resource fails.
#include "Types.h"

namespace cppet::apply {
namespace {
class HostType final : public ResourceType {
public:
  llvm::StringRef name() const override { return "host"; }
  std::vector<llvm::StringRef> parameters() const override { return {}; }
  void sync(ResourceRun &Run) override {
    Run.fail("the host type is not implemented yet");
  }
};
} // namespace

std::unique_ptr<ResourceType> makeHostType() {
  return std::make_unique<HostType>();
}
} // namespace cppet::apply
