//===- Describe.cpp - Current state as Puppet code ------------------------===//
#include "cppet/Apply/Transaction.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <memory>

using namespace llvm;

namespace cppet::apply {
namespace {

/// Logs to stderr; no filebucket, no fetcher, manages nothing.
class ConsoleContext final : public Context {
public:
  explicit ConsoleContext(bool Debug) : Debug(Debug) {}
  bool debug() const override { return Debug; }
  void log(LogLevel Level, const std::string &Source,
           const std::string &Message) override {
    if (Level == LogLevel::Debug && !Debug)
      return;
    errs() << logLevelName(Level) << ": "
           << (Source == "Puppet" ? "" : Source + ": ") << Message << "\n";
  }
  Expected<ProcessResult> run(const ProcessSpec &Spec) override {
    return runProcess(Spec);
  }
  Filebucket *bucket() override { return nullptr; }
  FileFetcher *fetcher() override { return nullptr; }
  bool manages(StringRef, StringRef) const override { return false; }

private:
  bool Debug;
};

std::string quoteTitle(StringRef S) {
  std::string Out = "'";
  for (char C : S) {
    if (C == '\'' || C == '\\')
      Out += '\\';
    Out += C;
  }
  return Out + "'";
}

std::string code(const Json &V) {
  if (V.is_string())
    return quoteTitle(V.get<std::string>());
  if (V.is_array()) {
    std::string Out = "[";
    for (size_t I = 0; I < V.size(); ++I)
      Out += (I ? ", " : "") + code(V[I]);
    return Out + "]";
  }
  if (V.is_null())
    return "undef";
  if (V.is_object()) {
    std::string Out = "{";
    bool First = true;
    for (auto It = V.begin(); It != V.end(); ++It) {
      Out += (First ? "" : ", ") + quoteTitle(It.key()) + " => " +
             code(It.value());
      First = false;
    }
    return Out + "}";
  }
  return V.dump();
}

std::string render(StringRef Type, StringRef Title, const Json &State) {
  std::vector<std::string> Keys;
  for (auto It = State.begin(); It != State.end(); ++It)
    if (It.key() != "ensure")
      Keys.push_back(It.key());
  std::sort(Keys.begin(), Keys.end());
  if (State.contains("ensure"))
    Keys.insert(Keys.begin(), "ensure");
  size_t Width = 0;
  for (const std::string &K : Keys)
    Width = std::max(Width, K.size());
  std::string Out = Type.str() + " { " + quoteTitle(Title) + ":\n";
  for (const std::string &K : Keys)
    Out += "  " + K + std::string(Width - K.size(), ' ') + " => " +
           code(State[K]) + ",\n";
  return Out + "}\n";
}

} // namespace

Expected<std::string> describeResources(StringRef Type, StringRef Title,
                                        bool Debug) {
  std::string Lower = Type.lower();
  ResourceType *Ty = lookupType(Lower);
  if (!Ty)
    return createStringError(inconvertibleErrorCode(),
                             "Could not find type " + Type);
  ConsoleContext Ctx(Debug);
  std::vector<std::string> Titles;
  if (!Title.empty()) {
    Titles.push_back(Title.str());
  } else {
    auto All = Ty->instances(Ctx);
    if (!All)
      return All.takeError();
    Titles = std::move(*All);
  }
  // One prefetch for all of them (one dpkg-query for every package).
  std::vector<catalog::Resource> Resources(Titles.size());
  std::vector<std::unique_ptr<ResourceView>> Views;
  std::vector<const ResourceView *> ViewPtrs;
  for (size_t I = 0; I < Titles.size(); ++I) {
    Resources[I].Type = Lower;
    Resources[I].Title = Titles[I];
    Views.push_back(
        std::make_unique<ResourceView>(Resources[I], Ty->namevar().str()));
    ViewPtrs.push_back(Views.back().get());
  }
  Ty->prefetch(ViewPtrs, Ctx);
  std::string Out;
  for (size_t I = 0; I < Titles.size(); ++I) {
    auto State = Ty->retrieve(*Views[I], Ctx);
    if (!State)
      return State.takeError();
    Out += render(Lower, Titles[I], *State);
  }
  return Out;
}

} // namespace cppet::apply
