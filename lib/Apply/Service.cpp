//===- Service.cpp - the service type ----------------------------------------------===//
// PLACEHOLDER until the service provider lands: every service resource fails.
#include "Types.h"

namespace cppet::apply {
namespace {
class ServiceType final : public ResourceType {
public:
  llvm::StringRef name() const override { return "service"; }
  std::vector<llvm::StringRef> parameters() const override { return {}; }
  void sync(ResourceRun &Run) override {
    Run.fail("the service type is not implemented yet");
  }
};
} // namespace

std::unique_ptr<ResourceType> makeServiceType() {
  return std::make_unique<ServiceType>();
}
} // namespace cppet::apply
