//===- Registry.cpp - The built-in resource types by name -----------------===//
#include "Types.h"

#include <map>

namespace cppet::apply {

namespace {
using Registry =
    std::map<std::string, std::unique_ptr<ResourceType>, std::less<>>;

const Registry &registry() {
  static const Registry R = [] {
    Registry Out;
    auto Add = [&](std::unique_ptr<ResourceType> T) {
      std::string Name = T->name().str();
      Out.emplace(std::move(Name), std::move(T));
    };
    Add(makeFileType());
    Add(makeExecType());
    Add(makeNotifyType());
    Add(makePackageType());
    Add(makeServiceType());
    Add(makeUserType());
    Add(makeGroupType());
    Add(makeCronType());
    Add(makeHostType());
    for (const char *Pseudo :
         {"stage", "class", "node", "schedule", "filebucket", "whit"})
      Add(makePseudoType(Pseudo));
    return Out;
  }();
  return R;
}
} // namespace

ResourceType *lookupType(llvm::StringRef Name) {
  const Registry &R = registry();
  auto It = R.find(Name);
  return It == R.end() ? nullptr : It->second.get();
}

std::vector<std::string> typeNames() {
  std::vector<std::string> Out;
  for (const auto &[Name, T] : registry())
    Out.push_back(Name);
  return Out;
}

} // namespace cppet::apply
