//===- FnTemplates.cpp - template() and inline_template() (ERB) -----------===//
//
// Puppet's core template functions: each argument is rendered as an ERB
// template (trim mode '-') with the calling scope's variables as @vars,
// and the results are concatenated. Parsed template files are cached by
// path and modification time for the whole process.
//
//===----------------------------------------------------------------------===//

#include "Erb.h"
#include "FnSupport.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <map>
#include <mutex>

using namespace cppet;
using namespace cppet::fn;

namespace {

struct CachedTemplate {
  llvm::sys::TimePoint<> MTime;
  uint64_t Size = 0;
  std::shared_ptr<const erb::Template> Parsed; // null: a parse failure
  erb::ErbFailure Failure;
};

std::mutex CacheMutex;
std::map<std::string, CachedTemplate> &cache() {
  static std::map<std::string, CachedTemplate> C;
  return C;
}

/// Reads and parses Path (through the cache). On failure returns null and
/// sets Failure (an I/O problem has Line 0).
std::shared_ptr<const erb::Template>
loadTemplate(const std::string &Path, erb::ErbFailure &Failure, bool &IoError) {
  IoError = false;
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status)) {
    IoError = true;
    Failure.Message = "No such file or directory @ rb_sysopen - " + Path;
    return nullptr;
  }
  {
    std::lock_guard<std::mutex> Lock(CacheMutex);
    auto It = cache().find(Path);
    if (It != cache().end() &&
        It->second.MTime == Status.getLastModificationTime() &&
        It->second.Size == Status.getSize()) {
      Failure = It->second.Failure;
      return It->second.Parsed;
    }
  }
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf) {
    IoError = true;
    Failure.Message = Buf.getError().message() + " @ rb_sysopen - " + Path;
    return nullptr;
  }
  CachedTemplate Entry;
  Entry.MTime = Status.getLastModificationTime();
  Entry.Size = Status.getSize();
  Entry.Parsed = erb::parseTemplate((*Buf)->getBuffer(), Entry.Failure);
  std::lock_guard<std::mutex> Lock(CacheMutex);
  cache()[Path] = Entry;
  Failure = Entry.Failure;
  return Entry.Parsed;
}

std::string resolveTemplate(FunctionContext &Ctx, const std::string &Spec) {
  if (llvm::sys::path::is_absolute(Spec)) {
    if (llvm::sys::fs::exists(Spec))
      return Spec;
  } else if (std::optional<std::string> P = Ctx.moduleFile(Spec, "templates")) {
    return *P;
  }
  fail(Ctx, "Could not find template '" + Spec + "'");
}

Value templateFunction(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "'template' expects at least 1 argument, got none");
  std::string Result;
  for (const Value &Arg : Args) {
    if (!Arg.isString())
      fail(Ctx, "'template' parameter 'paths' expects a String value, got " +
                    describeValueType(Arg));
    const std::string &Spec = Arg.asString();
    std::string Path = resolveTemplate(Ctx, Spec);
    erb::ErbFailure Failure;
    bool IoError = false;
    std::shared_ptr<const erb::Template> T =
        loadTemplate(Path, Failure, IoError);
    std::string Out;
    if (T && erb::renderTemplate(*T, Ctx, Path, Out, Failure)) {
      Result += Out;
      continue;
    }
    std::string Detail =
        IoError || !T ? (llvm::Twine(Path) + ":" + llvm::Twine(Failure.Line) +
                         ": " + Failure.Message)
                            .str()
                      : Failure.Message;
    if (IoError)
      Detail = Failure.Message;
    fail(Ctx, (llvm::Twine("Failed to parse template ") + Spec +
               ":\n  Filepath: " + Path + "\n  Line: " +
               llvm::Twine(Failure.Line) + "\n  Detail: " + Detail + "\n")
                  .str());
  }
  return Value(std::move(Result));
}

Value inlineTemplateFunction(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "'inline_template' expects at least 1 argument, got none");
  std::string Result;
  for (const Value &Arg : Args) {
    std::string Source = Arg.isString() ? Arg.asString() : Arg.toString();
    erb::ErbFailure Failure;
    std::shared_ptr<const erb::Template> T =
        erb::parseTemplate(Source, Failure);
    std::string Out;
    if (T && erb::renderTemplate(*T, Ctx, "inline template", Out, Failure)) {
      Result += Out;
      continue;
    }
    std::string Detail =
        T ? Failure.Message
          : "(erb):" + std::to_string(Failure.Line) + ": " + Failure.Message;
    fail(Ctx, "Failed to parse inline template: " + Detail);
  }
  return Value(std::move(Result));
}

} // namespace

void cppet::registerTemplateFunctions(FunctionRegistry &R) {
  R.add("template", templateFunction);
  R.add("inline_template", inlineTemplateFunction);
}
