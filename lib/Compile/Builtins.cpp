//===- Builtins.cpp - Functions that need the evaluator -------------------===//
#include "Evaluator.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <functional>

using namespace cppet;
using namespace cppet::ast;

static void expectArgs(Evaluator &E, SourceRange R, const std::string &Name,
                       llvm::ArrayRef<Value> Args, size_t Min, size_t Max) {
  if (Args.size() >= Min && Args.size() <= Max)
    return;
  std::string Want = Min == Max ? std::to_string(Min)
                                : "between " + std::to_string(Min) + " and " +
                                      std::to_string(Max);
  E.fail(R, "'" + Name + "' expects " + Want + " argument" +
                (Max == 1 ? "" : "s") + ", got " + std::to_string(Args.size()));
}

Value Evaluator::renderEpp(const Program &P, const Value &Params,
                           SourceRange R) {
  Scope &S = newScope(Scope::Kind::Class, TopScope);
  S.Parent = TopScope;
  S.Resource = nullptr;
  S.Name = "";
  HashData Given;
  if (Params.isHash())
    Given = Params.asHash();
  else if (!Params.isUndef())
    fail(R, "EPP template parameters must be a Hash");
  if (P.HasEppParams) {
    for (const Parameter &Par : P.EppParams) {
      const Value *G = Given.find(llvm::StringRef(Par.Name));
      Value V;
      if (G)
        V = *G;
      else if (Par.Default)
        V = eval(Par.Default.get(), S);
      else if (!Par.Type)
        fail(R, "lambda: expects a value for parameter '" + Par.Name + "'");
      if (Par.Type) {
        Value T = eval(Par.Type.get(), S);
        if (!G && !Par.Default && T.isType() &&
            !types::isInstance(T.asType(), Value()))
          fail(R, "lambda: expects a value for parameter '" + Par.Name + "'");
        if (T.isType() && !types::isInstance(T.asType(), V))
          fail(R, "lambda: parameter '" + Par.Name + "' " +
                      types::describeMismatch(T.asType(), V));
      }
      S.Vars[Par.Name] = V;
    }
    for (const auto &[K, V] : Given) {
      bool Known = false;
      for (const Parameter &Par : P.EppParams)
        Known |= K.isString() && Par.Name == K.asString();
      if (!Known)
        fail(R, "lambda: has no parameter named '" + K.toString() + "'");
    }
  } else {
    for (const auto &[K, V] : Given)
      if (K.isString())
        S.Vars[K.asString()] = V;
  }
  std::string Out;
  std::string *Saved = EppOutput;
  EppOutput = &Out;
  try {
    if (P.Body)
      eval(P.Body.get(), S);
  } catch (...) {
    EppOutput = Saved;
    throw;
  }
  EppOutput = Saved;
  releaseScope(S);
  return Value(std::move(Out));
}

bool Evaluator::isDefined(const Value &V, Scope &S, SourceRange R) {
  if (V.isString()) {
    llvm::StringRef N(V.asString());
    if (N.startswith("$")) {
      std::string Var = N.drop_front().str();
      if (Var == "facts" || Var == "trusted")
        return true;
      return lookupVar(Var, S, R) != nullptr;
    }
    std::string L = Environment::normalizeName(N);
    if (Env.findClass(L, Diags) || Env.findDefine(L, Diags))
      return true;
    if (Env.findFunction(L, Diags) || FunctionRegistry::get().find(L))
      return true;
    return isCoreResourceType(L) && L != "component" && L != "whit";
  }
  if (V.isType()) {
    const TypeData &D = V.asType().data();
    if (D.Kind == TypeKind::Resource) {
      if (D.HasTitle) {
        CResource *Res = findResource(D.Name + "[" + D.Title + "]");
        return Res && !Res->Virtual;
      }
      return isDefined(Value(llvm::StringRef(D.Name).lower()), S, R);
    }
    if (D.Kind == TypeKind::Class) {
      if (D.Name.empty())
        return true;
      return findResource("Class[" + types::capitalizeTypeName(D.Name) + "]") !=
             nullptr;
    }
    return true;
  }
  fail(R, "'defined' expects a String or a Type, got " + V.toString());
}

Value Evaluator::callBuiltinInternal(const std::string &Name,
                                     std::vector<Value> &Args,
                                     const Lambda *Block, Scope &S,
                                     SourceRange R, bool &Handled) {
  Handled = true;
  llvm::StringRef N(Name);
  if (N == "include" || N == "require" || N == "contain") {
    if (Args.empty())
      fail(R, "'" + Name + "' expects at least one argument");
    return includeFunction(Name, Args, S, R);
  }
  if (N == "realize") {
    std::vector<std::string> Refs;
    for (const Value &A : Args)
      collectRefs(A, Refs, R);
    for (const std::string &Ref : Refs) {
      CResource *Res = findResource(Ref);
      if (!Res)
        fail(R, "Failed to realize virtual resources " + Ref);
      realize(*Res);
    }
    return Value();
  }
  if (N == "defined") {
    if (Args.empty())
      fail(R, "'defined' expects at least one argument");
    for (const Value &A : Args)
      if (isDefined(A, S, R))
        return Value(true);
    return Value(false);
  }
  if (N == "tag") {
    CResource *Res = scopeResource(S);
    for (const Value &A : Args) {
      std::vector<Value> Items =
          A.isArray() ? A.asArray() : std::vector<Value>{A};
      for (const Value &I : Items)
        if (Res)
          Res->addTag(Tags, I.toString());
    }
    return Value();
  }
  if (N == "tagged") {
    CResource *Res = scopeResource(S);
    for (const Value &A : Args) {
      std::vector<Value> Items =
          A.isArray() ? A.asArray() : std::vector<Value>{A};
      for (const Value &I : Items) {
        std::string T = llvm::StringRef(I.toString()).lower();
        if (!Res || !Res->hasTag(T))
          return Value(false);
      }
    }
    return Value(true);
  }
  if (N == "fail") {
    std::string Msg;
    for (size_t I = 0; I < Args.size(); ++I)
      Msg += (I ? " " : "") + Args[I].toString();
    fail(R, "Evaluation Error: Error while evaluating a Function Call, " + Msg,
         "fail");
  }
  if (N == "notice" || N == "info" || N == "debug" || N == "warning" ||
      N == "err" || N == "alert" || N == "crit" || N == "emerg") {
    // Puppet's evaluator string form: collections with their strings
    // unquoted (`[a, 1]`, `{a => b}`), each argument joined by a space.
    std::function<std::string(const Value &)> LogString =
        [&](const Value &V) -> std::string {
      std::string Out;
      if (V.isArray()) {
        for (const Value &E : V.asArray())
          Out += (Out.empty() ? "" : ", ") + LogString(E);
        return "[" + Out + "]";
      }
      if (V.isHash()) {
        for (const auto &[K, E] : V.asHash())
          Out +=
              (Out.empty() ? "" : ", ") + LogString(K) + " => " + LogString(E);
        return "{" + Out + "}";
      }
      return V.toString();
    };
    std::string Msg;
    for (size_t I = 0; I < Args.size(); ++I)
      Msg += (I ? " " : "") + LogString(Args[I]);
    log(N, Msg);
    return Value();
  }
  if (N == "break")
    throw ControlFlow{ControlFlow::Break, Value(), R};
  if (N == "next")
    throw ControlFlow{ControlFlow::Next, Args.empty() ? Value() : Args[0], R};
  if (N == "return")
    throw ControlFlow{ControlFlow::Return, Args.empty() ? Value() : Args[0], R};
  if (N == "type") {
    expectArgs(*this, R, Name, Args, 1, 2);
    std::string Mode = Args.size() > 1 ? Args[1].toString() : "detailed";
    if (Mode == "generalized")
      return Value(types::inferGeneralType(Args[0]));
    return Value(types::inferType(Args[0]));
  }
  if (N == "create_resources") {
    expectArgs(*this, R, Name, Args, 2, 3);
    if (!Args[1].isHash())
      fail(R, "'create_resources' expects a Hash as second argument");
    std::string Type = Args[0].toString();
    if (Args[0].isType())
      Type = Args[0].asType().data().Name;
    HashData Defaults;
    if (Args.size() > 2 && Args[2].isHash())
      Defaults = Args[2].asHash();
    ResourceForm Form = ResourceForm::Regular;
    llvm::StringRef TR(Type);
    if (TR.consume_front("@@"))
      Form = ResourceForm::Exported;
    else if (TR.consume_front("@"))
      Form = ResourceForm::Virtual;
    std::string LType = Environment::normalizeName(TR);
    for (const auto &[Title, Params] : Args[1].asHash()) {
      std::vector<AttrValue> Attrs;
      if (Params.isHash())
        for (const auto &[K, V] : Params.asHash())
          Attrs.push_back({K.toString(), V, false, R});
      for (const auto &[K, V] : Defaults) {
        bool Given = false;
        for (const AttrValue &A : Attrs)
          Given |= A.Name == K.toString();
        if (!Given)
          Attrs.push_back({K.toString(), V, false, R});
      }
      if (LType == "class")
        declareClass(Title.toString(), S, R, &Attrs, true);
      else
        declareResource(LType, Title.toString(), std::move(Attrs), S, R, Form,
                        Title.isString());
    }
    return Value();
  }
  if (N == "epp") {
    expectArgs(*this, R, Name, Args, 1, 2);
    std::optional<std::string> Path =
        moduleFile(Args[0].toString(), "templates");
    if (!Path)
      fail(R, "Could not find template '" + Args[0].toString() + "'");
    const Program *P = Env.loadEpp(*Path, Diags);
    if (!P)
      fail(R, "Could not parse template '" + Args[0].toString() + "'");
    return renderEpp(*P, Args.size() > 1 ? Args[1] : Value(), R);
  }
  if (N == "inline_epp") {
    expectArgs(*this, R, Name, Args, 1, 2);
    std::string Text = Args[0].toString();
    const Program *P = Env.loadEppText(Text, Diags);
    if (!P)
      fail(R, "Could not parse inline template");
    return renderEpp(*P, Args.size() > 1 ? Args[1] : Value(), R);
  }
  if (N == "file") {
    for (const Value &A : Args) {
      std::optional<std::string> Path = moduleFile(A.toString(), "files");
      if (!Path)
        continue;
      auto Buf = llvm::MemoryBuffer::getFile(*Path);
      if (!Buf)
        continue;
      return Value((*Buf)->getBuffer().str());
    }
    fail(R, "Could not find any files from " +
                (Args.empty() ? std::string() : Args[0].toString()));
  }
  if (N == "binary_file") {
    expectArgs(*this, R, Name, Args, 1, 1);
    const std::string Spec = Args[0].toString();
    std::optional<std::string> Path = llvm::sys::path::is_absolute(Spec)
                                          ? std::optional<std::string>(Spec)
                                          : moduleFile(Spec, "files");
    auto Buf =
        Path ? llvm::MemoryBuffer::getFile(*Path, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false)
             : llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>(
                   std::make_error_code(std::errc::no_such_file_or_directory));
    if (!Buf)
      fail(R, "binary_file(): The given file '" + Spec + "' does not exist");
    return Value::makeText(Value::Kind::Binary, (*Buf)->getBuffer().str());
  }
  if (N == "lookup")
    return lookupFunction(Args, Block, S, R);
  if (N == "hiera" || N == "hiera_array" || N == "hiera_hash" ||
      N == "hiera_include") {
    expectArgs(*this, R, Name, Args, 1, 3);
    MergeStrategy M;
    if (N == "hiera_array")
      M.K = MergeStrategy::Unique;
    else if (N == "hiera_hash")
      M.K = MergeStrategy::Hash;
    std::optional<Value> V = hieraLookup(Args[0].toString(), M, S, R);
    if (!V) {
      if (Args.size() > 1)
        V = Args[1];
      else
        fail(R, "Function " + Name + "() did not find a value for the name '" +
                    Args[0].toString() + "'");
    }
    if (N == "hiera_include")
      return includeFunction("include", {*V}, S, R);
    return *V;
  }
  if (!N.empty() && (N[0] >= 'A' && N[0] <= 'Z')) {
    Type T = resolveTypeName(Name, R);
    return convertToType(*this, T, Args);
  }
  if (N == "new" && !Args.empty() && Args[0].isType()) {
    Type T = Args[0].asType();
    return convertToType(*this, T, llvm::ArrayRef<Value>(Args).drop_front());
  }
  Handled = false;
  return Value();
}

std::optional<Value> Evaluator::hieraLookup(const std::string &Key,
                                            const MergeStrategy &M, Scope &S,
                                            SourceRange R) {
  if (!HieraData)
    return std::nullopt;
  HieraScope Resolve = [&](llvm::StringRef Var) -> Value {
    Var.consume_front("::");
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Var.split(Parts, '.');
    if (Parts.empty())
      return Value();
    Value Cur;
    if (Parts[0] == "facts")
      Cur = FactsValue;
    else if (Parts[0] == "trusted")
      Cur = TrustedValue;
    else if (const Value *V = lookupVar(Parts[0], S, R))
      Cur = *V;
    else
      return Value();
    return digHieraPath(std::move(Cur),
                        llvm::ArrayRef<llvm::StringRef>(Parts).drop_front());
  };
  std::optional<HieraError> Err;
  std::optional<Value> V = HieraData->lookup(Key, M, Resolve, Err);
  if (Err)
    fail(R, Err->Message, "hiera");
  return V;
}

Value Evaluator::lookupFunction(llvm::ArrayRef<Value> Args, const Lambda *Block,
                                Scope &S, SourceRange R) {
  if (Args.empty())
    fail(R, "'lookup' expects at least one argument");
  Value Names = Args[0];
  Value TypeV, MergeV, Default;
  bool HasDefault = false;
  auto FromOptions = [&](const HashData &O) {
    if (const Value *V = O.find(llvm::StringRef("name")))
      Names = *V;
    if (const Value *V = O.find(llvm::StringRef("value_type")))
      TypeV = *V;
    if (const Value *V = O.find(llvm::StringRef("merge")))
      MergeV = *V;
    if (const Value *V = O.find(llvm::StringRef("default_value"))) {
      Default = *V;
      HasDefault = true;
    }
  };
  if (Args[0].isHash()) {
    FromOptions(Args[0].asHash());
  } else if (Args.size() == 2 && Args[1].isHash()) {
    FromOptions(Args[1].asHash());
  } else {
    if (Args.size() > 1)
      TypeV = Args[1];
    if (Args.size() > 2)
      MergeV = Args[2];
    if (Args.size() > 3) {
      Default = Args[3];
      HasDefault = true;
    }
  }
  MergeStrategy M;
  if (!MergeV.isUndef()) {
    std::optional<MergeStrategy> Parsed = Hiera::parseMerge(MergeV);
    if (!Parsed)
      fail(R, "lookup(): invalid merge strategy " + MergeV.toString());
    M = *Parsed;
    M.Explicit = true;
  }
  std::vector<Value> KeyList =
      Names.isArray() ? Names.asArray() : std::vector<Value>{Names};
  std::optional<Value> Found;
  for (const Value &K : KeyList) {
    Found = hieraLookup(K.toString(), M, S, R);
    if (Found)
      break;
  }
  if (!Found) {
    if (Block)
      Found = callLambda(*Block, S, {KeyList.empty() ? Value() : KeyList[0]});
    else if (HasDefault)
      Found = Default;
    else
      fail(R,
           "Function lookup() did not find a value for the name '" +
               (KeyList.empty() ? std::string() : KeyList[0].toString()) + "'",
           "hiera");
  }
  if (TypeV.isType() && !types::isInstance(TypeV.asType(), *Found))
    fail(R, "Found value has wrong type, " +
                types::describeMismatch(TypeV.asType(), *Found));
  return *Found;
}
