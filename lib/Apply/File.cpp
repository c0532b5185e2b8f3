#include "Types.h"
namespace cppet::apply {
namespace {
class FileType final : public ResourceType {
public:
  llvm::StringRef name() const override { return "file"; }
  std::vector<llvm::StringRef> parameters() const override { return {}; }
  void sync(ResourceRun &Run) override { Run.fail("not implemented yet"); }
};
} // namespace
std::unique_ptr<ResourceType> makeFileType() { return std::make_unique<FileType>(); }
} // namespace cppet::apply
