//===- Package.cpp - the package type ----------------------------------------------===//
// PLACEHOLDER until the package provider lands: every package resource fails.
#include "Types.h"

namespace cppet::apply {
namespace {
class PackageType final : public ResourceType {
public:
  llvm::StringRef name() const override { return "package"; }
  std::vector<llvm::StringRef> parameters() const override { return {}; }
  void sync(ResourceRun &Run) override {
    Run.fail("the package type is not implemented yet");
  }
};
} // namespace

std::unique_ptr<ResourceType> makePackageType() {
  return std::make_unique<PackageType>();
}
} // namespace cppet::apply
