//===- User.cpp - the user type ----------------------------------------------===//
// PLACEHOLDER until the user provider lands: every user resource fails.
#include "Types.h"

namespace cppet::apply {
namespace {
class UserType final : public ResourceType {
public:
  llvm::StringRef name() const override { return "user"; }
  std::vector<llvm::StringRef> parameters() const override { return {}; }
  void sync(ResourceRun &Run) override {
    Run.fail("the user type is not implemented yet");
  }
};
} // namespace

std::unique_ptr<ResourceType> makeUserType() {
  return std::make_unique<UserType>();
}
} // namespace cppet::apply
