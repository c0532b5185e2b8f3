#include "Types.h"
namespace cppet::apply {
namespace {
class ExecType final : public ResourceType {
public:
  llvm::StringRef name() const override { return "exec"; }
  std::vector<llvm::StringRef> parameters() const override { return {}; }
  void sync(ResourceRun &Run) override { Run.fail("not implemented yet"); }
};
} // namespace
std::unique_ptr<ResourceType> makeExecType() { return std::make_unique<ExecType>(); }
} // namespace cppet::apply
