//===- Group.cpp - the group type ----------------------------------------------===//
// PLACEHOLDER until the group provider lands: every group resource fails.
#include "Types.h"

namespace cppet::apply {
namespace {
class GroupType final : public ResourceType {
public:
  llvm::StringRef name() const override { return "group"; }
  std::vector<llvm::StringRef> parameters() const override { return {}; }
  void sync(ResourceRun &Run) override {
    Run.fail("the group type is not implemented yet");
  }
};
} // namespace

std::unique_ptr<ResourceType> makeGroupType() {
  return std::make_unique<GroupType>();
}
} // namespace cppet::apply
