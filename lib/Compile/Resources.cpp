//===- Resources.cpp - Resources, classes, defines, nodes, the catalog ----===//
#include "Evaluator.h"

#include "cppet/Compile/Regex.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <random>

using namespace cppet;
using namespace cppet::ast;

//===----------------------------------------------------------------------===//
// CResource
//===----------------------------------------------------------------------===//

const Value *CResource::param(llvm::StringRef Name) const {
  for (const auto &[K, V] : Params)
    if (K == Name)
      return &V;
  return nullptr;
}

void CResource::setParam(const std::string &Name, Value V) {
  for (auto &[K, Old] : Params)
    if (K == Name) {
      Old = std::move(V);
      return;
    }
  Params.emplace_back(Name, std::move(V));
}

void CResource::addTag(TagPool &Pool, llvm::StringRef T) {
  std::string L = T.lower();
  if (!catalog::isValidTag(L))
    return;
  addTag(Pool.intern(L));
}

void CResource::addNameTags(TagPool &Pool, llvm::StringRef Name) {
  std::string L = Name.lower();
  if (!catalog::isValidTag(L))
    return; // e.g. '::apache::x': neither it nor its segments are tags
  addTag(Pool.intern(L));
  if (Name.contains("::")) {
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    llvm::StringRef(L).split(Parts, "::");
    for (llvm::StringRef P : Parts)
      addTag(Pool, P);
  }
}

bool CResource::hasTag(llvm::StringRef LowerT) const {
  for (Tag T : Tags)
    if (T->getKey() == LowerT)
      return true;
  return false;
}

static const char *const MetaParams[] = {
    "alias",   "audit",    "before", "loglevel",  "noop", "notify",
    "require", "schedule", "stage",  "subscribe", "tag"};

static bool isMetaParam(llvm::StringRef Name) {
  for (const char *M : MetaParams)
    if (Name == M)
      return true;
  return false;
}

/// Core resource types of Puppet 7 (lib/puppet/type/*.rb).
static bool isCoreType(llvm::StringRef Name) {
  return Name == "node" || isCoreResourceType(Name);
}

/// The namevar of a core type, for uniqueness checks. Exec is not
/// isomorphic in Puppet: two execs may run the same command.
static const char *namevarOf(llvm::StringRef Type) {
  if (Type == "file")
    return "path";
  if (Type == "package" || Type == "service" || Type == "user" ||
      Type == "group" || Type == "notify")
    return "name";
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Resource expressions
//===----------------------------------------------------------------------===//

std::vector<AttrValue>
Evaluator::evalAttributes(const std::vector<AttributeOp> &Ops, Scope &S) {
  std::vector<AttrValue> Out;
  for (const AttributeOp &Op : Ops) {
    Value V = eval(Op.Value.get(), S);
    if (Op.Name == "*") {
      if (V.isUndef())
        continue;
      if (!V.isHash())
        fail(Op.Range, "Expected value of type Hash, got " +
                           types::inferGeneralType(V).toString());
      for (const auto &[K, X] : V.asHash()) {
        if (!K.isString())
          fail(Op.Range, "Attribute names must be strings");
        Out.push_back({K.asString(), X, false, Op.Range});
      }
      continue;
    }
    for (const AttrValue &Prev : Out)
      if (Prev.Name == Op.Name)
        fail(Op.Range, "The attribute '" + Op.Name + "' has already been set");
    Out.push_back({Op.Name, std::move(V), Op.Append, Op.Range});
  }
  return Out;
}

/// The namevar a Ruby resource type declares (`newparam(:path, namevar:
/// true)` or `isnamevar` inside a newparam block); "name" by default.
/// What a module's Ruby type (lib/puppet/type/NAME.rb) declares, read
/// statically: its namevar, and its attributes when every one of them is
/// declared plainly (`newparam(:x`, `newproperty(:x`, `ensurable`).
struct RubyTypeInfo {
  std::string Namevar = "name";
  std::optional<llvm::StringSet<>> Attributes;
  std::vector<Evaluator::TitlePattern> TitlePatterns;
};

/// The body of `def self.title_patterns` when it is a literal list of
/// regexps (`%r{...}` or `/.../`, with flags) each followed by the
/// attributes its captures set (`[:name], [:type]`); empty for anything
/// else (procs, helper methods), which is then not applied.
static std::vector<Evaluator::TitlePattern>
readTitlePatterns(llvm::ArrayRef<llvm::StringRef> Lines) {
  std::vector<Evaluator::TitlePattern> Out;
  size_t Def = 0;
  while (Def < Lines.size() &&
         !Lines[Def].trim().startswith("def self.title_patterns"))
    ++Def;
  if (Def == Lines.size())
    return Out;
  const size_t Indent = Lines[Def].find_first_not_of(" \t");
  std::string Body;
  size_t I = Def + 1;
  for (; I < Lines.size(); ++I) {
    if (Lines[I].trim() == "end" && Lines[I].find_first_not_of(" \t") == Indent)
      break;
    Body += Lines[I].str() + "\n";
  }
  if (I == Lines.size())
    return Out;
  llvm::StringRef S(Body);
  auto Fail = [&Out] {
    Out.clear();
    return Out;
  };
  while (!S.empty()) {
    const char C = S.front();
    if (llvm::StringRef(" \t\n[],").contains(C)) {
      S = S.drop_front();
    } else if (C == '#') {
      S = S.drop_until([](char X) { return X == '\n'; });
    } else if (C == ':' && S.size() > 1 &&
               (llvm::isAlpha(S[1]) || S[1] == '_')) {
      S = S.drop_front();
      llvm::StringRef Sym =
          S.take_while([](char X) { return llvm::isAlnum(X) || X == '_'; });
      S = S.drop_front(Sym.size());
      if (Out.empty())
        return Fail();
      Out.back().Attributes.push_back(Sym.str());
    } else if (S.startswith("%r{") || C == '/') {
      std::string Source;
      size_t Pos = C == '/' ? 1 : 3;
      int Depth = 0;
      const char Close = C == '/' ? '/' : '}';
      for (; Pos < S.size(); ++Pos) {
        const char X = S[Pos];
        if (X == '\\' && Pos + 1 < S.size()) {
          Source += X;
          Source += S[++Pos];
          continue;
        }
        if (Close == '}' && X == '{')
          ++Depth;
        if (X == Close && Depth-- == 0)
          break;
        Source += X;
      }
      if (Pos >= S.size())
        return Fail();
      S = S.drop_front(Pos + 1);
      llvm::StringRef Flags = S.take_while(llvm::isAlpha);
      S = S.drop_front(Flags.size());
      std::string Options;
      for (char F : Flags) {
        if (F == 'i' || F == 'x')
          Options += F;
        else if (F == 'm')
          Options += 'm'; // Ruby's: dot matches a newline
        else
          return Fail();
      }
      std::string Full =
          Options.empty() ? Source : "(?" + Options + ":" + Source + ")";
      std::optional<Regexp> Re = Regexp::compile(Full);
      if (!Re)
        return Fail();
      Out.push_back({std::move(*Re), {}});
    } else {
      return Fail(); // a proc, a method call, ...
    }
  }
  for (const Evaluator::TitlePattern &T : Out)
    if (T.Attributes.empty())
      return Fail();
  return Out;
}

static RubyTypeInfo readRubyType(llvm::StringRef Path) {
  RubyTypeInfo Info;
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return Info;
  llvm::StringRef Text = (*Buf)->getBuffer();
  llvm::StringSet<> Attrs;
  bool Plain = Text.contains("newtype(") && !Text.contains("parent") &&
               !Text.contains("register_type");
  bool NamevarFound = false;
  std::string Current;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Text.split(Lines, '\n');
  auto Name = [](llvm::StringRef S) {
    return S.take_while([](char C) { return llvm::isAlnum(C) || C == '_'; })
        .str();
  };
  for (llvm::StringRef Line : Lines) {
    llvm::StringRef T = Line.trim();
    if (T.startswith("#"))
      continue;
    if (T == "ensurable" || T.startswith("ensurable ") ||
        T.startswith("ensurable do"))
      Attrs.insert("ensure");
    for (const char *Kind : {"newparam", "newproperty"}) {
      size_t At = T.find(Kind);
      if (At == llvm::StringRef::npos)
        continue;
      llvm::StringRef Rest = T.drop_front(At + strlen(Kind));
      if (Rest.consume_front("(:") || Rest.consume_front(" :")) {
        std::string N = Name(Rest);
        Attrs.insert(N);
        if (llvm::StringRef(Kind) == "newparam") {
          Current = N;
          if (!NamevarFound && (Rest.contains("namevar: true") ||
                                Rest.contains(":namevar => true"))) {
            Info.Namevar = N;
            NamevarFound = true;
          }
        }
      } else if (Rest.startswith("(") || Rest.startswith(" ")) {
        Plain = false; // a name computed at run time
      }
    }
    if (T == "isnamevar" && !Current.empty() && !NamevarFound) {
      Info.Namevar = Current;
      NamevarFound = true;
    }
  }
  if (Plain && !Attrs.empty())
    Info.Attributes = std::move(Attrs);
  Info.TitlePatterns = readTitlePatterns(Lines);
  return Info;
}

std::string Evaluator::canonicalTypeName(const std::string &Name, SourceRange R,
                                         bool &IsDefine,
                                         const DefineDef *&Def) {
  IsDefine = false;
  Def = nullptr;
  std::string L = Environment::normalizeName(Name);
  if (isCoreType(L))
    return types::capitalizeTypeName(L);
  if ((Def = Env.findDefine(L, Diags))) {
    IsDefine = true;
    return types::capitalizeTypeName(L);
  }
  // A Ruby resource type shipped by a module (lib/puppet/type/NAME.rb).
  if (RubyTypeNamevars.count(L))
    return types::capitalizeTypeName(L);
  llvm::SmallVector<llvm::StringRef, 2> Parts;
  llvm::StringRef(L).split(Parts, "::");
  if (Parts.size() == 1) {
    for (const std::string &Dir : Env.getConfig().ModulePath) {
      std::error_code EC;
      for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
           It.increment(EC)) {
        llvm::SmallString<256> P(It->path());
        llvm::sys::path::append(P, "lib", "puppet", "type", L + ".rb");
        if (llvm::sys::fs::exists(P)) {
          RubyTypeInfo Info = readRubyType(P);
          RubyTypeNamevars[L] = Info.Namevar;
          if (!Info.TitlePatterns.empty())
            RubyTypeTitlePatterns[L] = std::move(Info.TitlePatterns);
          if (Info.Attributes)
            RubyTypeAttributes[L] = std::move(*Info.Attributes);
          return types::capitalizeTypeName(L);
        }
      }
    }
  }
  fail(R, "Resource type not found: " + types::capitalizeTypeName(L));
}

CResource *Evaluator::findResource(const std::string &Ref) {
  auto It = ResourceIndex.find(Ref);
  return It == ResourceIndex.end() ? nullptr : It->second;
}

void Evaluator::inheritTags(CResource &R, Scope &S) {
  if (CResource *C = scopeResource(S))
    for (TagPool::Tag T : C->Tags)
      R.addTag(T);
}

static std::string locationText(const DiagnosticEngine &D, SourceRange R) {
  if (!R.isValid())
    return "";
  LineColumn LC = D.getSourceManager().getLineColumn(R.begin());
  return "(file: " + D.getSourceManager().getName(R.FileId).str() +
         ", line: " + std::to_string(LC.Line) + ")";
}

void Evaluator::addResource(CResource *R, SourceRange Range) {
  std::string Ref = R->ref();
  if (CResource *Old = findResource(Ref))
    fail(Range,
         "Duplicate declaration: " + Ref + " is already declared at " +
             locationText(Diags, Old->Range) + "; cannot redeclare",
         "duplicate");
  ResourceIndex[Ref] = R;
  if (const Value *Alias = R->param("alias")) {
    std::vector<Value> Names =
        Alias->isArray() ? Alias->asArray() : std::vector<Value>{*Alias};
    for (const Value &N : Names) {
      std::string Key = R->Type + "[" + N.toString() + "]";
      if (CResource *Old = findResource(Key); Old && Old != R)
        fail(Range,
             "Duplicate declaration: " + Key + " is already declared at " +
                 locationText(Diags, Old->Range) + "; cannot redeclare",
             "duplicate");
      ResourceIndex[Key] = R;
    }
  }
  if (const char *NV = namevarOf(llvm::StringRef(R->Type).lower())) {
    const Value *V = R->param(NV);
    if (V && V->isString() && V->asString() != R->Title) {
      std::string Alias = R->Type + "[" + V->asString() + "]";
      if (CResource *Old = findResource(Alias))
        fail(Range,
             "Duplicate declaration: " + Alias + " is already declared at " +
                 locationText(Diags, Old->Range) + "; cannot redeclare",
             "duplicate");
      ResourceIndex[Alias] = R;
    }
  }
}

static void applyDefaults(CResource &R, TagPool &Pool);

CResource *Evaluator::declareResource(const std::string &TypeName,
                                      const std::string &Title,
                                      std::vector<AttrValue> Attrs, Scope &S,
                                      SourceRange R, ResourceForm Form,
                                      bool TitleIsString) {
  bool IsDefine = false;
  const DefineDef *Def = nullptr;
  std::string Type = canonicalTypeName(TypeName, R, IsDefine, Def);
  if (Def)
    checkLoadedFile(Def->Range.FileId);
  Resources.push_back(std::make_unique<CResource>());
  CResource &Res = *Resources.back();
  Res.Type = Type;
  Res.Title = Title;
  Res.Range = R;
  Res.Virtual = Form != ResourceForm::Regular;
  Res.Exported = Form == ResourceForm::Exported;
  Res.DeclScope = &S;
  Res.Container = scopeResource(S);
  Res.Order = NextOrder++;
  Res.Define = Def;
  Res.IsStage = Type == "Stage";
  if (Res.Container && Res.Container->Define) {
    Res.DefineDepth = Res.Container->DefineDepth + 1;
    if (Res.DefineDepth > 1000)
      fail(R, "Defined types nest more than 1000 levels deep (a define that "
              "declares itself?)");
  }
  Res.Params.reserve(Attrs.size());
  for (AttrValue &A : Attrs)
    Res.setParam(A.Name, std::move(A.V));
  // File's title pattern drops trailing slashes from the path.
  if (Type == "File" && !Res.param("path")) {
    llvm::StringRef Path = llvm::StringRef(Title).rtrim('/');
    if (Path.size() != Title.size() && !Path.empty())
      Res.setParam("path", Value(Path.str()));
  }
  Res.addNameTags(Tags, llvm::StringRef(Type).lower());
  if (TitleIsString) {
    Res.addNameTags(Tags, Title);
  } else {
    Res.KeepName = true;
    if (!Res.param("name"))
      Res.setParam("name", Value(Title));
  }
  inheritTags(Res, S);
  if (const Value *T = Res.param("tag")) {
    if (T->isArray())
      for (const Value &X : T->asArray())
        Res.addNameTags(Tags, X.toString());
    else
      Res.addNameTags(Tags, T->toString());
  }
  // The resource defaults in effect where it is declared (Puppet 7 applies
  // those of the scope chain at that moment, not later ones).
  applyDefaults(Res, Tags);
  addResource(&Res, R);
  return &Res;
}

Value Evaluator::evalResource(const ast::Resource &RE, Scope &S) {
  std::string TypeName;
  if (auto *QN = llvm::dyn_cast<QualifiedName>(RE.Type.get())) {
    TypeName = QN->Name;
  } else {
    Value T = eval(RE.Type.get(), S);
    if (T.isType() && T.asType().data().Kind == TypeKind::Resource &&
        !T.asType().data().Name.empty())
      TypeName = T.asType().data().Name;
    else if (T.isType() && T.asType().data().Kind == TypeKind::Class)
      TypeName = "class";
    else if (T.isString())
      TypeName = T.asString();
    else
      fail(RE.Type->Range, "Illegal resource type: " + T.toString());
  }
  std::string LType = Environment::normalizeName(TypeName);
  if (LType != "class") {
    bool IsDefine = false;
    const DefineDef *Def = nullptr;
    canonicalTypeName(LType, RE.Type->Range, IsDefine, Def);
  }
  // A body titled `default:` gives defaults to the other bodies.
  std::vector<AttrValue> LocalDefaults;
  for (const ResourceBody &B : RE.Bodies)
    if (llvm::isa<LiteralDefault>(B.Title.get()))
      LocalDefaults = evalAttributes(B.Attributes, S);
  Array Refs;
  for (const ResourceBody &B : RE.Bodies) {
    if (llvm::isa<LiteralDefault>(B.Title.get()))
      continue;
    Value TitleV = eval(B.Title.get(), S);
    std::vector<Value> Titles;
    if (TitleV.isArray())
      Titles = TitleV.asArray();
    else
      Titles.push_back(TitleV);
    for (const Value &TV : Titles) {
      if (TV.isUndef() || (TV.isString() && TV.asString().empty()))
        fail(B.Range, "Missing title. The title expression resulted in "
                      "undef");
      std::vector<AttrValue> Attrs = evalAttributes(B.Attributes, S);
      for (const AttrValue &D : LocalDefaults) {
        bool Given = false;
        for (const AttrValue &A : Attrs)
          Given |= A.Name == D.Name;
        if (!Given)
          Attrs.push_back(D);
      }
      if (LType == "class") {
        std::string Name =
            TV.isType() ? TV.asType().data().Name : TV.toString();
        CResource *C = declareClass(Name, S, B.Range, &Attrs, true);
        Refs.push_back(Value(types::makeClass(C->Title)));
        continue;
      }
      std::string Title = TV.toString();
      CResource *Res =
          declareResource(LType, Title, std::move(Attrs), S, B.Range, RE.Form);
      Refs.push_back(Value(types::makeResource(Res->Type, Res->Title)));
    }
  }
  return Value(std::move(Refs));
}

Value Evaluator::evalResourceDefaults(const ResourceDefaults &D, Scope &S) {
  Value T = eval(D.Type.get(), S);
  std::string Name;
  if (T.isType() && T.asType().data().Kind == TypeKind::Resource)
    Name = T.asType().data().Name;
  else if (T.isType() && T.asType().data().Kind == TypeKind::Class)
    Name = "class";
  else
    fail(D.Range,
         "Resource defaults need a resource type, got " + T.toString());
  std::vector<AttrValue> Attrs = evalAttributes(D.Attributes, S);
  if (!S.Defaults)
    S.Defaults = std::make_unique<Scope::DefaultsMap>();
  std::vector<AttrValue> &Slot = (*S.Defaults)[llvm::StringRef(Name).lower()];
  for (AttrValue &A : Attrs) {
    auto It = std::find_if(Slot.begin(), Slot.end(), [&](const AttrValue &X) {
      return X.Name == A.Name;
    });
    if (It != Slot.end())
      *It = std::move(A);
    else
      Slot.push_back(std::move(A));
  }
  return Value();
}

std::string Evaluator::refOf(const Type &T, SourceRange R) {
  const TypeData &D = T.data();
  if (D.Kind == TypeKind::Resource && !D.Name.empty() && D.HasTitle)
    return D.Name + "[" + D.Title + "]";
  if (D.Kind == TypeKind::Class && !D.Name.empty())
    return "Class[" + types::capitalizeTypeName(D.Name) + "]";
  fail(R, "Expected a resource reference, got " + T.toString());
}

void Evaluator::collectRefs(const Value &V, std::vector<std::string> &Out,
                            SourceRange R) {
  if (V.isArray()) {
    for (const Value &E : V.asArray())
      collectRefs(E, Out, R);
    return;
  }
  if (V.isType()) {
    Out.push_back(refOf(V.asType(), R));
    return;
  }
  if (V.isUndef())
    return;
  if (V.isString()) {
    // "Type[title]" strings are accepted as references.
    llvm::StringRef Str(V.asString());
    size_t B = Str.find('[');
    if (B != llvm::StringRef::npos && Str.endswith("]")) {
      Out.push_back(types::capitalizeTypeName(Str.substr(0, B)) +
                    Str.substr(B).str());
      return;
    }
  }
  fail(R, "Expected a resource reference, got '" + V.toString() + "'");
}

void Evaluator::applyOverride(CResource &R, const std::vector<AttrValue> &Attrs,
                              Scope *From, SourceRange Range,
                              bool FromCollector) {
  if (!FromCollector && From) {
    // Only the declaring class or its subclasses may override.
    CResource *Owner = R.Container;
    Scope *Cur = enclosingNamedScope(*From);
    bool Allowed = false;
    if (!Owner || Owner == MainClass || Owner->IsNode)
      Allowed = true;
    for (Scope *C = Cur; C && !Allowed; C = C->Inherited)
      if (C->Resource == Owner)
        Allowed = true;
    if (!Allowed && Cur && Cur->Resource == Owner)
      Allowed = true;
    if (!Allowed)
      fail(Range, "Only subclasses can override parameters");
  }
  for (const AttrValue &A : Attrs) {
    if (A.Append && !R.param(A.Name)) {
      R.setParam(A.Name, A.V); // nothing to append to
    } else if (A.Append) {
      const Value *Old = R.param(A.Name);
      Array Merged;
      if (Old && Old->isArray())
        Merged = Old->asArray();
      else if (Old && !Old->isUndef())
        Merged.push_back(*Old);
      if (A.V.isArray())
        Merged.insert(Merged.end(), A.V.asArray().begin(), A.V.asArray().end());
      else
        Merged.push_back(A.V);
      R.setParam(A.Name, Value(std::move(Merged)));
    } else {
      R.setParam(A.Name, A.V);
    }
    if (A.Name == "tag") {
      if (A.V.isArray())
        for (const Value &X : A.V.asArray())
          R.addNameTags(Tags, X.toString());
      else
        R.addNameTags(Tags, A.V.toString());
    }
  }
}

Value Evaluator::evalResourceOverride(const ResourceOverride &O, Scope &S) {
  if (auto *C = llvm::dyn_cast<Collector>(O.Target.get())) {
    (void)C;
    fail(O.Range, "Collector overrides are written Type <| |> { ... }");
  }
  Value T = eval(O.Target.get(), S);
  std::vector<std::string> Refs;
  collectRefs(T, Refs, O.Range);
  std::vector<AttrValue> Attrs = evalAttributes(O.Attributes, S);
  for (const std::string &Ref : Refs) {
    if (CResource *R = findResource(Ref))
      applyOverride(*R, Attrs, &S, O.Range, false);
    else
      PendingOverrides.push_back({{Ref}, Attrs, &S, O.Range});
  }
  return Value();
}

//===----------------------------------------------------------------------===//
// Collectors
//===----------------------------------------------------------------------===//

static bool queryValueMatches(const Value *Actual, const Value &Want) {
  if (!Actual)
    return Want.isUndef();
  if (Actual->isArray()) {
    for (const Value &E : Actual->asArray())
      if (E.puppetEquals(Want))
        return true;
    return false;
  }
  if (Actual->isType() && Want.isString())
    return Actual->toString() == Want.asString();
  return Actual->puppetEquals(Want);
}

namespace {
struct QueryMatcher {
  Evaluator &E;
  Scope &S;
  bool matches(const QueryOp *Q, CResource &R) {
    if (!Q)
      return true;
    switch (Q->Op) {
    case QueryKind::And:
      return matches(llvm::dyn_cast<QueryOp>(Q->LHS.get()), R) &&
             matches(llvm::dyn_cast<QueryOp>(Q->RHS.get()), R);
    case QueryKind::Or:
      return matches(llvm::dyn_cast<QueryOp>(Q->LHS.get()), R) ||
             matches(llvm::dyn_cast<QueryOp>(Q->RHS.get()), R);
    case QueryKind::Paren:
      return matches(llvm::dyn_cast<QueryOp>(Q->LHS.get()), R);
    case QueryKind::Eq:
    case QueryKind::Ne: {
      Value Want = E.eval(Q->Value.get(), S);
      bool M;
      if (Q->Attribute == "tag") {
        std::string W = llvm::StringRef(Want.toString()).lower();
        M = R.hasTag(W);
      } else if (Q->Attribute == "title") {
        Value T(R.Title);
        M = T.puppetEquals(Want);
      } else {
        M = queryValueMatches(R.param(Q->Attribute), Want);
      }
      return Q->Op == QueryKind::Eq ? M : !M;
    }
    }
    return false;
  }
};
} // namespace

Value Evaluator::evalCollector(const Collector &C, Scope &S) {
  auto Info = std::make_unique<CollectorInfo>();
  Info->Expr = &C;
  Info->S = &S;
  Value T = eval(C.Type.get(), S);
  if (T.isType() && T.asType().data().Kind == TypeKind::Resource)
    Info->Type = T.asType().data().Name;
  else
    fail(C.Range, "A collector needs a resource type");
  if (C.HasOverrideBlock)
    Info->Overrides = evalAttributes(C.Overrides, S);
  // The query is evaluated again at each round: keep the variables it can
  // see (up to the enclosing class or define).
  for (Scope *Cur = &S; Cur; Cur = Cur->Parent) {
    Cur->Pinned = true;
    if (!Cur->isLocal())
      break;
  }
  CollectorInfo *Raw = Info.get();
  CollectorOfExpr[&C] = Raw;
  Collectors.push_back(std::move(Info));
  // Collect what exists now; later resources are collected at finish.
  evaluateCollectors();
  return Value(Array{});
}

bool Evaluator::evaluateCollectors() {
  bool Changed = false;
  for (auto &CI : Collectors) {
    if (CI->Expr->Exported)
      continue; // no storeconfigs: collects nothing, only what is local?
    QueryMatcher M{*this, *CI->S};
    for (auto &RP : Resources) {
      CResource &R = *RP;
      if (R.Removed || R.Type != CI->Type || R.Exported)
        continue;
      if (CI->Applied.count(&R))
        continue;
      if (!M.matches(llvm::dyn_cast_or_null<QueryOp>(CI->Expr->Query.get()), R))
        continue;
      CI->Applied.insert(&R);
      if (R.Virtual) {
        realize(R);
        Changed = true;
      }
      if (!CI->Overrides.empty())
        applyOverride(R, CI->Overrides, CI->S, CI->Expr->Range, true);
    }
  }
  return Changed;
}

void Evaluator::realize(CResource &R) {
  if (!R.Virtual)
    return;
  R.Virtual = false;
  R.Exported = false;
}

//===----------------------------------------------------------------------===//
// Relationships
//===----------------------------------------------------------------------===//

Evaluator::RelOperand Evaluator::relOperand(const Value &V, const Expr *E,
                                            SourceRange R) {
  RelOperand Op;
  if (auto *C = llvm::dyn_cast<Collector>(E)) {
    auto It = CollectorOfExpr.find(C);
    if (It != CollectorOfExpr.end())
      Op.Collector = It->second;
    return Op;
  }
  collectRefs(V, Op.Refs, R);
  // Each side is a set (Puppet's uniq).
  std::vector<std::string> Unique;
  for (std::string &Ref : Op.Refs)
    if (std::find(Unique.begin(), Unique.end(), Ref) == Unique.end())
      Unique.push_back(std::move(Ref));
  Op.Refs = std::move(Unique);
  return Op;
}

Evaluator::ChainEnd Evaluator::evalChain(const Expr *E, Scope &S) {
  if (auto *RE = llvm::dyn_cast<Relationship>(E)) {
    // As in Puppet, an arrow's value is its right side, so the edge joins
    // the values of both sides: `a -> b -> c` is (a -> b) -> c, b to c;
    // `a -> (b -> c)` relates a to c.
    ChainEnd L = evalChain(RE->LHS.get(), S);
    ChainEnd R = evalChain(RE->RHS.get(), S);
    PendingRelationship P;
    P.Source = L.Op;
    P.Target = R.Op;
    P.Op = RE->Op;
    P.Range = RE->Range;
    Relationships.push_back(std::move(P));
    // An empty right side passes the left one on (`X -> [] -> Y` is X ->
    // Y); a collector remembers it for when it collects nothing.
    if (!R.Op.Collector && R.Op.Refs.empty())
      return L;
    if (R.Op.Collector)
      R.Op.EmptyAlternative = std::make_shared<const RelOperand>(L.Op);
    return R;
  }
  Value V = eval(E, S);
  RelOperand Op = relOperand(V, E, E->Range);
  if (!Op.Collector && !V.isArray())
    V = Value(Array{std::move(V)}); // Puppet's list of references
  return {std::move(Op), std::move(V)};
}

Value Evaluator::evalRelationship(const Relationship &RE, Scope &S) {
  return evalChain(&RE, S).V;
}

//===----------------------------------------------------------------------===//
// Classes and defines
//===----------------------------------------------------------------------===//

void Evaluator::bindParameters(Scope &Body, CResource &Res,
                               const std::vector<Parameter> &Params,
                               const std::vector<AttrValue> &Given,
                               const std::string &What, bool IsClass) {
  // Unknown parameters are errors (metaparameters are always allowed).
  for (const AttrValue &A : Given) {
    if (isMetaParam(A.Name))
      continue;
    bool Known = false;
    for (const Parameter &P : Params)
      Known |= P.Name == A.Name;
    if (!Known && !(A.Name == "name" && !IsClass))
      fail(A.Range.isValid() ? A.Range : Res.Range,
           What + ": has no parameter named '" + A.Name + "'");
  }
  // Puppet reports every missing or mistyped parameter at once, in order;
  // a default that reads a missing parameter fails at once.
  std::vector<std::string> Problems;
  SourceRange FirstRange;
  std::vector<std::string> MissingNames;
  const UnboundParameters SavedUnbound = Unbound;
  Unbound = {&Body, &MissingNames, What, Res.Range};
  struct Restore {
    Evaluator &E;
    UnboundParameters Saved;
    ~Restore() { E.Unbound = Saved; }
  } Restorer{*this, SavedUnbound};
  auto Problem = [&](SourceRange Where, std::string Message) {
    if (Problems.empty())
      FirstRange = Where;
    Problems.push_back(std::move(Message));
  };
  for (const Parameter &P : Params) {
    const AttrValue *G = nullptr;
    for (const AttrValue &A : Given)
      if (A.Name == P.Name)
        G = &A;
    Value V;
    bool Have = false;
    if (G && !G->V.isUndef()) {
      V = G->V;
      Have = true;
    }
    if (!Have && IsClass && !(G && G->V.isUndef())) {
      MergeStrategy M;
      if (std::optional<Value> HV = hieraLookup(
              (Body.Name + "::" + P.Name).str(), M, Body, Res.Range)) {
        V = *HV;
        Have = true;
      }
    }
    if (!Have && P.Default) {
      V = eval(P.Default.get(), Body);
      Have = true;
    }
    Value TypeV;
    if (P.Type)
      TypeV = eval(P.Type.get(), Body);
    if (!Have && !(G && G->V.isUndef())) {
      bool Optional =
          TypeV.isType() && types::isInstance(TypeV.asType(), Value());
      if (!(TypeV.isType() && Optional)) {
        Problem(Res.Range, "expects a value for parameter '" + P.Name + "'");
        MissingNames.push_back(P.Name);
        continue;
      }
    }
    if (TypeV.isType() && !types::isInstance(TypeV.asType(), V))
      Problem(G && G->Range.isValid() ? G->Range : Res.Range,
              "parameter '" + P.Name + "' " +
                  types::describeMismatch(TypeV.asType(), V));
    Body.Vars[P.Name] = V;
    if (!V.isUndef())
      Res.setParam(P.Name, V);
  }
  if (Problems.size() == 1)
    fail(FirstRange, What + ": " + Problems[0]);
  if (!Problems.empty())
    fail(Res.Range, What + ":\n  " + llvm::join(Problems, "\n  "));
}

CResource *Evaluator::declareClass(const std::string &RawName, Scope &From,
                                   SourceRange R,
                                   const std::vector<AttrValue> *Params,
                                   bool ResourceLike) {
  std::string Name = Environment::normalizeName(RawName);
  std::string Title = types::capitalizeTypeName(Name);
  std::string Ref = "Class[" + Title + "]";
  if (CResource *Existing = findResource(Ref)) {
    if (ResourceLike)
      fail(R,
           "Duplicate declaration: Class[" + Title +
               "] is already declared at " +
               locationText(Diags, Existing->Range) + "; cannot redeclare",
           "duplicate");
    return Existing;
  }
  const ClassDef *Def = Env.findClass(Name, Diags);
  if (!Def)
    fail(R, "Could not find class ::" + Name + " for " + Opts.NodeName,
         "unknown-class");
  checkLoadedFile(Def->Range.FileId);
  // The class is in the catalog before its parent class is evaluated
  // first, as in Puppet: a parent that includes or contains it finds it
  // there (its body runs once, after the parent's).
  Resources.push_back(std::make_unique<CResource>());
  CResource &Res = *Resources.back();
  Res.Type = "Class";
  Res.Title = Title;
  Res.IsClass = true;
  Res.Range = R;
  Res.DeclScope = &From;
  Res.Container = nullptr;
  Res.addTag(Tags, "class");
  Res.addNameTags(Tags, Name);
  inheritTags(Res, From);
  ResourceIndex[Ref] = &Res;
  Scope *ParentScope = nullptr;
  if (!Def->Parent.empty()) {
    std::string PName = Environment::normalizeName(Def->Parent);
    if (!Env.findClass(PName, Diags))
      fail(Def->Range,
           "Could not find parent resource type '::" + PName +
               "' of type hostclass in " + Env.getConfig().Name,
           "unknown-class");
    CResource *P = declareClass(PName, From, Def->Range, nullptr, false);
    (void)P;
    ParentScope = ClassScopes[PName];
  }
  Res.Order = NextOrder++;
  ClassesEvaluated.push_back(Name);
  // Class scope.
  Scope &S = newScope(Scope::Kind::Class, ParentScope ? ParentScope : &From);
  S.Inherited = ParentScope;
  S.Resource = &Res;
  S.Name = intern(Name);
  uint32_t FileId = Def->Range.FileId;
  S.ModuleName = intern(Env.getModuleOfFile(FileId));
  ClassScopes[Name] = &S;
  S.Vars["title"] = Value(Name);
  S.Vars["name"] = Value(Name);
  S.Vars["module_name"] = Value(S.ModuleName);
  S.Vars["caller_module_name"] = Value(From.ModuleName);
  std::vector<AttrValue> Given;
  if (Params)
    Given = *Params;
  // Metaparameters given to the class become its parameters.
  for (const AttrValue &A : Given)
    if (isMetaParam(A.Name) && !A.V.isUndef()) {
      Value V = A.V;
      if (A.Name == "stage" && V.isType())
        V = Value(V.asType().data().Title);
      Res.setParam(A.Name, V);
    }
  // A class declared by a class with a stage inherits the stage.
  if (!Res.param("stage")) {
    CResource *Decl = scopeResource(From);
    if (Decl && Decl->IsClass && Decl != MainClass)
      if (const Value *St = Decl->param("stage"))
        Res.setParam("stage", *St);
  }
  bindParameters(S, Res, Def->Params, Given, "Class[" + Title + "]", true);
  if (Def->Body)
    eval(Def->Body.get(), S);
  return &Res;
}

void Evaluator::evaluateDefine(CResource &Res) {
  Res.Evaluated = true;
  // Its container's tags as they are now (Puppet's finish_evaluation).
  if (Res.Container)
    for (TagPool::Tag T : Res.Container->Tags)
      Res.addTag(T);
  const DefineDef *Def = Res.Define;
  Scope &S = newScope(Scope::Kind::Define, Res.DeclScope);
  S.Resource = &Res;
  S.Name = intern(Environment::normalizeName(Def->Name));
  S.ModuleName = intern(Env.getModuleOfFile(Def->Range.FileId));
  S.Vars["title"] = Value(Res.Title);
  S.Vars["module_name"] = Value(S.ModuleName);
  S.Vars["caller_module_name"] =
      Value(Res.DeclScope ? Res.DeclScope->ModuleName : llvm::StringRef());
  const Value *NameP = Res.param("name");
  S.Vars["name"] = NameP ? *NameP : Value(Res.Title);
  std::vector<AttrValue> Given;
  Given.reserve(Res.Params.size());
  for (const auto &[K, V] : Res.Params)
    Given.push_back({K, V, false, Res.Range});
  // Parameters left to their defaults are added.
  size_t Missing = 0;
  for (const Parameter &P : Def->Params)
    Missing += !Res.param(P.Name);
  Res.Params.reserve(Res.Params.size() + Missing);
  bindParameters(S, Res, Def->Params, Given, Res.ref(), false);
  if (Def->Body)
    eval(Def->Body.get(), S);
  releaseScope(S);
}

Value Evaluator::includeFunction(const std::string &Kind,
                                 llvm::ArrayRef<Value> Args, Scope &S,
                                 SourceRange R) {
  std::vector<std::string> Names;
  std::function<void(const Value &)> Add = [&](const Value &V) {
    if (V.isArray()) {
      for (const Value &E : V.asArray())
        Add(E);
    } else if (V.isType()) {
      const TypeData &D = V.asType().data();
      if (D.Kind == TypeKind::Class)
        Names.push_back(D.Name);
      else if (D.Kind == TypeKind::Resource && D.Name == "Class" && D.HasTitle)
        Names.push_back(D.Title);
      else
        fail(R, "Cannot use a " + V.toString() + " as a class name");
    } else if (V.isString()) {
      Names.push_back(V.asString());
    } else {
      fail(R, "'" + Kind + "' expects class names, got " + V.toString());
    }
  };
  for (const Value &A : Args)
    Add(A);
  Array Refs;
  CResource *Self = scopeResource(S);
  for (const std::string &N : Names) {
    if (N.empty())
      fail(R, "Cannot use empty string as a class name");
    CResource *C = declareClass(N, S, R, nullptr, false);
    Refs.push_back(Value(types::makeClass(C->Title)));
    if (Kind == "require" && Self) {
      Value Ref(types::makeClass(C->Title));
      const Value *Old = Self->param("require");
      Array A;
      if (Old && Old->isArray())
        A = Old->asArray();
      else if (Old && !Old->isUndef())
        A.push_back(*Old);
      A.push_back(Ref);
      Self->setParam("require", Value(std::move(A)));
    }
    if (Kind == "contain" && Self && C->Container == nullptr && Self != C) {
      C->Container = Self;
    }
  }
  return Value(std::move(Refs));
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

static std::string regexNodeName(llvm::StringRef Source) {
  std::string Out;
  for (char C : Source.lower())
    if (llvm::isAlnum(C) || C == '_' || C == '-' || C == ':' || C == '.')
      Out += C;
  llvm::StringRef O(Out);
  O = O.ltrim('.');
  return "__node_regexp__" + O.str();
}

void Evaluator::evaluateNode() {
  const std::vector<const NodeDef *> &Nodes = Env.getNodes();
  if (Nodes.empty())
    return;
  std::string Name = llvm::StringRef(Opts.NodeName).lower();
  const NodeDef *Match = nullptr;
  std::string MatchName;
  std::shared_ptr<std::vector<Value>> Caps;
  for (const NodeDef *N : Nodes)
    for (const NodeMatcher &M : N->Matchers)
      if (M.Kind == NodeMatcher::Name && M.Value == Name && !Match) {
        Match = N;
        MatchName = M.Value;
      }
  if (!Match)
    for (const NodeDef *N : Nodes) {
      for (const NodeMatcher &M : N->Matchers) {
        if (M.Kind != NodeMatcher::Regex)
          continue;
        std::optional<Regexp> Re = Regexp::compile(M.Value);
        if (!Re)
          continue;
        if (std::optional<RegexMatch> RM = regexSearch(*Re, Name)) {
          Match = N;
          MatchName = regexNodeName(M.Value);
          Caps = std::make_shared<std::vector<Value>>();
          for (const auto &G : RM->Groups)
            Caps->push_back(G ? Value(*G) : Value());
          break;
        }
      }
      if (Match)
        break;
    }
  if (!Match)
    for (const NodeDef *N : Nodes)
      for (const NodeMatcher &M : N->Matchers)
        if (M.Kind == NodeMatcher::Default && !Match) {
          Match = N;
          MatchName = "default";
        }
  if (!Match)
    fail({},
         "Could not find node statement with name 'default' or '" + Name + "'",
         "no-node");
  // Puppet 3 node inheritance: evaluate the parents first, outermost first.
  std::vector<std::pair<const NodeDef *, std::string>> Chain;
  Chain.emplace_back(Match, MatchName);
  std::set<const NodeDef *> Seen{Match};
  for (const NodeDef *Cur = Match; !Cur->Parent.empty();) {
    std::string P = llvm::StringRef(Cur->Parent).lower();
    const NodeDef *Parent = nullptr;
    for (const NodeDef *N : Nodes)
      for (const NodeMatcher &M : N->Matchers)
        if (!Parent && ((M.Kind == NodeMatcher::Name && M.Value == P) ||
                        (M.Kind == NodeMatcher::Default && P == "default") ||
                        (M.Kind == NodeMatcher::Regex && M.Value == P)))
          Parent = N;
    if (!Parent)
      fail(Cur->ParentRange.isValid() ? Cur->ParentRange : Cur->Range,
           "Could not find parent node '" + Cur->Parent + "' of node '" +
               MatchName + "'");
    if (!Seen.insert(Parent).second)
      fail(Cur->Range, "Node inheritance loop at '" + Cur->Parent + "'");
    Chain.emplace_back(Parent, P);
    Cur = Parent;
  }
  Resources.push_back(std::make_unique<CResource>());
  CResource &Res = *Resources.back();
  Res.Type = "Node";
  Res.Title = MatchName;
  Res.IsNode = true;
  Res.Range = Match->Range;
  Res.Container = MainClass;
  Res.Order = NextOrder++;
  Res.addTag(Tags, "node");
  Res.addTag(Tags, MatchName);
  inheritTags(Res, *TopScope);
  ResourceIndex[Res.ref()] = &Res;
  NodeResource = &Res;
  ClassesEvaluated.push_back(MatchName);
  Scope *Parent = TopScope;
  for (auto It = Chain.rbegin(); It != Chain.rend(); ++It) {
    Scope &S = newScope(Scope::Kind::Node, Parent);
    S.Resource = &Res;
    if (It->first == Match)
      S.Captures = Caps;
    NodeScope = &S;
    if (It->first->Body)
      eval(It->first->Body.get(), S);
    Parent = &S;
  }
}

void Evaluator::evaluateNodeClasses() {
  Scope &From = NodeScope ? *NodeScope : *TopScope;
  for (const auto &[Name, Params] : Opts.NodeClasses) {
    if (!Params.is_object() || Params.empty()) {
      declareClass(Name, From, {}, nullptr, false);
      continue;
    }
    std::vector<AttrValue> Given;
    for (const auto &[K, V] : Params.items())
      Given.push_back({K, jsonToValue(V), false, {}});
    declareClass(Name, From, {}, &Given, true);
  }
}

//===----------------------------------------------------------------------===//
// Finishing: defines, collectors, defaults, overrides, relationships
//===----------------------------------------------------------------------===//

void Evaluator::evaluateGenerators() {
  for (unsigned Round = 0; Round < 1000; ++Round) {
    bool Progress = false;
    for (size_t I = 0; I < Resources.size(); ++I) {
      CResource &R = *Resources[I];
      if (R.Define && !R.Evaluated && !R.Virtual && !R.Removed) {
        evaluateDefine(R);
        Progress = true;
      }
    }
    if (evaluateCollectors())
      Progress = true;
    if (!Progress)
      return;
  }
}

/// Applies resource defaults found through the dynamic scope chain.
static void applyDefaults(CResource &R, TagPool &Pool) {
  std::string Type = llvm::StringRef(R.Type).lower();
  // Count first: the parameters are reserved to their final size.
  size_t Added = 0;
  for (Scope *S = R.DeclScope; S; S = S->Parent)
    if (const std::vector<AttrValue> *Defaults = S->defaultsFor(Type))
      for (const AttrValue &A : *Defaults)
        Added += !R.param(A.Name);
  if (!Added)
    return;
  R.Params.reserve(R.Params.size() + Added);
  for (Scope *S = R.DeclScope; S; S = S->Parent) {
    const std::vector<AttrValue> *Defaults = S->defaultsFor(Type);
    if (!Defaults)
      continue;
    for (const AttrValue &A : *Defaults) {
      if (R.param(A.Name))
        continue;
      R.Params.emplace_back(A.Name, A.V);
      if (A.Name == "tag") {
        std::vector<Value> Tags =
            A.V.isArray() ? A.V.asArray() : std::vector<Value>{A.V};
        for (const Value &T : Tags)
          R.addNameTags(Pool, T.toString());
      }
    }
  }
}

void Evaluator::finish() {
  // A resource takes its container's tags as they are at the end (Puppet
  // merges the scope resource's tags when it finishes the resource), so a
  // `tag` call after a declaration reaches it; containers come first.
  for (auto &RP : Resources) {
    CResource &R = *RP;
    if (R.IsClass || R.IsNode || R.Define || !R.Container)
      continue;
    for (TagPool::Tag T : R.Container->Tags)
      R.addTag(T);
  }
  for (PendingOverride &P : PendingOverrides)
    for (const std::string &Ref : P.Refs) {
      CResource *R = findResource(Ref);
      if (!R)
        fail(P.Range, "Could not find resource(s) " + Ref + " for overriding");
      applyOverride(*R, P.Attrs, P.From, P.Range, false);
    }
  // Relationships from chain arrows become before/notify parameters.
  // A collector that collected nothing, as a source, stands for its empty
  // alternative (recursively: Puppet's leftmost_alternative).
  std::function<std::vector<std::string>(const RelOperand &, bool)> Expand =
      [&](const RelOperand &Op, bool AsSource) {
        std::vector<std::string> Refs = Op.Refs;
        if (Op.Collector) {
          for (CResource *R : Op.Collector->Applied)
            Refs.push_back(R->ref());
          if (AsSource && Op.Collector->Applied.empty() && Op.EmptyAlternative)
            return Expand(*Op.EmptyAlternative, true);
        }
        return Refs;
      };
  for (const PendingRelationship &P : Relationships) {
    bool Reverse =
        P.Op == RelationshipOp::Require || P.Op == RelationshipOp::Subscribe;
    std::vector<std::string> Src = Expand(Reverse ? P.Target : P.Source, true);
    std::vector<std::string> Dst = Expand(Reverse ? P.Source : P.Target, false);
    const char *Param =
        (P.Op == RelationshipOp::Before || P.Op == RelationshipOp::Require)
            ? "before"
            : "notify";
    for (const std::string &S : Src) {
      CResource *R = findResource(S);
      if (!R)
        fail(P.Range, (llvm::Twine("Could not find resource '") + S +
                       "' for relationship on '" +
                       (Dst.empty() ? std::string("?") : Dst[0]) + "'")
                          .str());
      for (const std::string &D : Dst) {
        if (!findResource(D))
          fail(P.Range, (llvm::Twine("Could not find resource '") + D +
                         "' for relationship from '" + S + "'")
                            .str());
        const Value *Old = R->param(Param);
        Array A;
        if (Old && Old->isArray())
          A = Old->asArray();
        else if (Old && !Old->isUndef())
          A.push_back(*Old);
        A.push_back(Value(D));
        R->setParam(Param, Value(std::move(A)));
      }
    }
  }
}

/// The attributes (parameters and properties) of Puppet 7's core types;
/// null for types whose attributes are not checked.
static const llvm::StringSet<> *coreTypeAttributes(llvm::StringRef Type) {
  static const llvm::StringMap<llvm::StringSet<>> Attrs = [] {
    llvm::StringMap<llvm::StringSet<>> M;
    auto Add = [&](const char *T, std::initializer_list<const char *> Names) {
      llvm::StringSet<> &S = M[T];
      for (const char *N : Names)
        S.insert(N);
    };
    Add("notify", {"name", "message", "withpath"});
    Add("file", {"path",
                 "ensure",
                 "backup",
                 "recurse",
                 "recurselimit",
                 "replace",
                 "force",
                 "ignore",
                 "links",
                 "purge",
                 "sourceselect",
                 "show_diff",
                 "validate_cmd",
                 "validate_replacement",
                 "owner",
                 "group",
                 "mode",
                 "content",
                 "source",
                 "target",
                 "checksum",
                 "checksum_value",
                 "ctime",
                 "mtime",
                 "type",
                 "selrange",
                 "selrole",
                 "seltype",
                 "seluser",
                 "selinux_ignore_defaults",
                 "source_permissions",
                 "max_files",
                 "staging_location",
                 "provider"});
    Add("exec",
        {"command", "creates", "cwd", "environment", "group", "logoutput",
         "onlyif", "path", "provider", "refresh", "refreshonly", "returns",
         "timeout", "tries", "try_sleep", "umask", "unless", "user"});
    Add("package", {"name",
                    "ensure",
                    "adminfile",
                    "allow_virtual",
                    "allowcdrom",
                    "category",
                    "command",
                    "configfiles",
                    "description",
                    "enable_only",
                    "flavor",
                    "install_only",
                    "install_options",
                    "instance",
                    "mark",
                    "package_settings",
                    "platform",
                    "provider",
                    "reinstall_on_refresh",
                    "responsefile",
                    "root",
                    "source",
                    "status",
                    "uninstall_options",
                    "vendor"});
    Add("service", {"name", "ensure", "binary", "control", "enable", "flags",
                    "hasrestart", "hasstatus", "logonaccount", "logonpassword",
                    "manifest", "path", "pattern", "provider", "restart",
                    "start", "status", "stop", "timeout"});
    Add("user", {"name",
                 "ensure",
                 "allowdupe",
                 "attribute_membership",
                 "attributes",
                 "auth_membership",
                 "auths",
                 "comment",
                 "expiry",
                 "forcelocal",
                 "gid",
                 "groups",
                 "home",
                 "ia_load_module",
                 "iterations",
                 "key_membership",
                 "keys",
                 "loginclass",
                 "managehome",
                 "membership",
                 "password",
                 "password_max_age",
                 "password_min_age",
                 "password_warn_days",
                 "profile_membership",
                 "profiles",
                 "project",
                 "provider",
                 "purge_ssh_keys",
                 "role_membership",
                 "roles",
                 "salt",
                 "shell",
                 "system",
                 "uid"});
    Add("group", {"name", "ensure", "allowdupe", "attribute_membership",
                  "attributes", "auth_membership", "forcelocal", "gid",
                  "ia_load_module", "members", "provider", "system"});
    Add("filebucket", {"name", "path", "port", "server"});
    Add("resources", {"name", "purge", "unless_system_user", "unless_uid"});
    Add("schedule",
        {"name", "period", "periodmatch", "range", "repeat", "weekday"});
    Add("tidy", {"path", "age", "backup", "matches", "max_files", "recurse",
                 "rmdirs", "size", "type"});
    return M;
  }();
  auto It = Attrs.find(Type);
  return It == Attrs.end() ? nullptr : &It->second;
}

Value Evaluator::resourceValues(const Type &Ref, llvm::ArrayRef<Value> Keys,
                                SourceRange Range) {
  const TypeData &D = Ref.data();
  const bool IsClass = D.Kind == TypeKind::Class || D.Name == "Class";
  const std::string Title = D.Kind == TypeKind::Class ? D.Name : D.Title;
  const std::string Key =
      IsClass ? "Class[" + types::capitalizeTypeName(Title) + "]"
              : resourceRef(D.Name, D.Title);
  CResource *R = findResource(Key);
  if (!R || R->Removed)
    fail(Range, "Resource not found: " + Ref.toString());
  // The attributes the resource may have, when cppet knows them.
  const std::string LType = llvm::StringRef(R->Type).lower();
  auto Valid = [&](const std::string &Name) {
    if (isMetaParam(Name) || Name == "name" || Name == "title")
      return true;
    const std::vector<Parameter> *Params = nullptr;
    if (R->IsClass) {
      if (const ClassDef *C =
              Env.findClass(Environment::normalizeName(Title), Diags))
        Params = &C->Params;
    } else if (R->Define) {
      Params = &R->Define->Params;
    }
    if (Params)
      return llvm::any_of(*Params,
                          [&](const Parameter &P) { return P.Name == Name; });
    if (const llvm::StringSet<> *Core = coreTypeAttributes(LType))
      return Core->count(Name) > 0;
    auto It = RubyTypeAttributes.find(LType);
    return It == RubyTypeAttributes.end() || It->second.count(Name) > 0;
  };
  Array Values;
  for (const Value &K : Keys) {
    const std::string Name = K.toString();
    if (const Value *V = R->param(Name)) {
      Values.push_back(*V);
      continue;
    }
    if (!Valid(Name))
      fail(Range, "The resource " + Ref.toString() +
                      " does not have a parameter called '" + Name + "'");
    Values.emplace_back();
  }
  if (Values.size() == 1)
    return Values[0];
  return Value(std::move(Values));
}

void Evaluator::validateAttributes() {
  for (auto &RP : Resources) {
    CResource &R = *RP;
    if (R.Removed || R.Virtual || R.Exported || R.IsClass || R.IsNode ||
        R.Define)
      continue;
    const std::string LType = llvm::StringRef(R.Type).lower();
    const llvm::StringSet<> *Known = coreTypeAttributes(LType);
    const bool Module = !Known;
    if (Module) {
      auto It = RubyTypeAttributes.find(LType);
      if (It == RubyTypeAttributes.end())
        continue;
      Known = &It->second;
    }
    for (const auto &[Name, V] : R.Params) {
      if (Known->count(Name) || isMetaParam(Name) || Name == "consume" ||
          Name == "export" || (Module && Name == "provider"))
        continue;
      const std::string Where =
          R.Range.isValid() ? " " + locationText(Diags, R.Range) : "";
      fail(R.Range,
           (llvm::Twine("no parameter named '") + Name + "'" + Where + " on " +
            R.ref())
               .str(),
           "unknown-parameter");
    }
  }
}

void Evaluator::validateRelationships() {
  static const char *const Params[] = {"require", "before", "notify",
                                       "subscribe"};
  for (auto &RP : Resources) {
    CResource &R = *RP;
    if (R.Removed || R.Virtual || R.Exported)
      continue;
    for (const char *P : Params) {
      const Value *V = R.param(P);
      if (!V)
        continue;
      std::vector<Value> Items =
          V->isArray() ? V->asArray() : std::vector<Value>{*V};
      for (const Value &I : Items) {
        std::string Ref;
        if (I.isType()) {
          const TypeData &D = I.asType().data();
          if (D.Kind == TypeKind::Resource && D.HasTitle)
            Ref = D.Name + "[" + D.Title + "]";
          else if (D.Kind == TypeKind::Class && !D.Name.empty())
            Ref = "Class[" + types::capitalizeTypeName(D.Name) + "]";
        } else if (I.isString()) {
          Ref = I.asString();
          llvm::StringRef RS(Ref);
          if (!RS.endswith("]") || !RS.contains('['))
            fail(R.Range,
                 "No title provided and \"" + Ref +
                     "\" is not a valid resource reference",
                 "bad-reference");
        }
        if (Ref.empty())
          continue;
        CResource *Target = findResource(Ref);
        if (!Target || Target->Virtual || Target->Exported) {
          const std::string Where =
              R.Range.isValid() ? " " + locationText(Diags, R.Range) : "";
          fail(R.Range,
               (llvm::Twine("Could not find resource '") + Ref +
                "' in parameter '" + P + "'" + Where)
                   .str(),
               "bad-reference");
        }
      }
    }
  }
}

//===----------------------------------------------------------------------===//
// The catalog
//===----------------------------------------------------------------------===//

catalog::Json Evaluator::toJson(const Value &V) {
  // Puppet's rich data: {"__ptype": T, "__pvalue": X}.
  auto Rich = [](const char *T, catalog::Json X) {
    catalog::Json O = catalog::Json::object();
    O["__ptype"] = T;
    O["__pvalue"] = std::move(X);
    return O;
  };
  switch (V.kind()) {
  case Value::Kind::Undef:
    return nullptr;
  case Value::Kind::Timestamp:
    return Opts.RichData ? Rich("Timestamp", V.toString())
                         : catalog::Json(V.toString());
  case Value::Kind::Default:
    if (Opts.RichData)
      return catalog::Json::object({{"__ptype", "Default"}});
    return "default";
  case Value::Kind::Boolean:
    return V.asBoolean();
  case Value::Kind::Integer:
    return V.asInteger();
  case Value::Kind::Float:
    return V.asFloat();
  case Value::Kind::String:
    return V.asString();
  case Value::Kind::Regexp:
    return Opts.RichData ? Rich("Regexp", V.asRegexp().source())
                         : catalog::Json(V.toString());
  case Value::Kind::Type: {
    // References are Puppet::Resource strings in both encodings.
    const TypeData &D = V.asType().data();
    if (D.Kind == TypeKind::Resource && D.HasTitle)
      return resourceRef(D.Name, D.Title);
    if (D.Kind == TypeKind::Class && !D.Name.empty())
      return "Class[" + types::capitalizeTypeName(D.Name) + "]";
    return Opts.RichData ? Rich("Type", V.asType().toString())
                         : catalog::Json(V.toString());
  }
  case Value::Kind::Array: {
    catalog::Json A = catalog::Json::array();
    A.get_ref<catalog::Json::array_t &>().reserve(V.asArray().size());
    for (const Value &E : V.asArray())
      A.push_back(toJson(E));
    return A;
  }
  case Value::Kind::Hash: {
    const HashData &H = V.asHash();
    if (Opts.RichData &&
        !std::all_of(H.begin(), H.end(), [](const HashData::Entry &E) {
          return E.first.isString();
        })) {
      catalog::Json Pairs = catalog::Json::array();
      for (const auto &[K, X] : H) {
        Pairs.push_back(toJson(K));
        Pairs.push_back(toJson(X));
      }
      return Rich("Hash", std::move(Pairs));
    }
    catalog::Json O = catalog::Json::object();
    O.get_ref<catalog::Json::object_t &>().reserve(H.size());
    for (const auto &[K, X] : H)
      O[K.isString() ? K.asString() : K.toString()] = toJson(X);
    return O;
  }
  case Value::Kind::Sensitive:
    // A parameter's own Sensitive is unwrapped by the caller (and listed in
    // sensitive_parameters); one inside a value stays wrapped, in plain
    // JSON too (Puppet's ToDataConverter).
    return Rich("Sensitive", toJson(V.sensitiveValue()));
  case Value::Kind::Timespan:
    return Opts.RichData ? Rich("Timespan", V.toString())
                         : catalog::Json(V.toString());
  case Value::Kind::SemVer:
    return Opts.RichData ? Rich("SemVer", V.toString())
                         : catalog::Json(V.toString());
  case Value::Kind::SemVerRange:
    return Opts.RichData ? Rich("SemVerRange", V.toString())
                         : catalog::Json(V.toString());
  case Value::Kind::Binary:
    return Opts.RichData ? Rich("Binary", V.toString())
                         : catalog::Json(V.toString());
  case Value::Kind::Deferred: {
    if (!Opts.RichData)
      return V.toString();
    catalog::Json O = catalog::Json::object();
    O["__ptype"] = "Deferred";
    O["name"] = V.deferredName();
    if (!V.deferredArguments().isUndef())
      O["arguments"] = toJson(V.deferredArguments());
    return O;
  }
  }
  return nullptr;
}

catalog::Catalog Evaluator::buildCatalog() {
  catalog::Catalog C;
  C.Name = Opts.NodeName;
  C.Environment = Env.getConfig().Name;
  C.Version = static_cast<int64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
  {
    std::random_device RD;
    std::mt19937_64 G(RD());
    uint64_t A = G(), B = G();
    char Buf[40];
    std::snprintf(Buf, sizeof(Buf), "%08x-%04x-4%03x-%04x-%012llx",
                  static_cast<unsigned>(A >> 32),
                  static_cast<unsigned>((A >> 16) & 0xffff),
                  static_cast<unsigned>(A & 0x0fff),
                  static_cast<unsigned>(((B >> 48) & 0x3fff) | 0x8000),
                  static_cast<unsigned long long>(B & 0xffffffffffffULL));
    C.CatalogUuid = Buf;
  }
  // Catalog tags: the classes (with their name segments), plus the
  // container kinds seen.
  std::vector<std::string> Tags;
  auto AddTag = [&](const std::string &T) {
    if (catalog::isValidTag(T) &&
        std::find(Tags.begin(), Tags.end(), T) == Tags.end())
      Tags.push_back(T);
  };
  bool AnyClass = false;
  for (const std::string &Cls : ClassesEvaluated) {
    std::string L = llvm::StringRef(Cls).lower();
    AddTag(L);
    if (L.find("::") != std::string::npos) {
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      llvm::StringRef(L).split(Parts, "::");
      for (llvm::StringRef P : Parts)
        AddTag(P.str());
    }
    if (L != "settings" && (!NodeResource || L != NodeResource->Title))
      AnyClass = true;
  }
  if (AnyClass)
    AddTag("class");
  if (NodeResource)
    AddTag("node");
  C.Tags = std::move(Tags);
  C.Classes = std::move(ClassesEvaluated);

  auto Visible = [](const CResource &R) {
    return !R.Removed && !R.Virtual && !R.Exported;
  };
  size_t NumVisible = 0, NumClasses = 0;
  for (const auto &RP : Resources) {
    NumVisible += Visible(*RP);
    NumClasses += Visible(*RP) && RP->IsClass;
  }
  // Containment edges first: they name the containers, which the
  // conversion below releases. (A class may have two.)
  C.Edges.reserve(NumVisible + NumClasses);
  for (auto &RP : Resources) {
    CResource &R = *RP;
    if (!Visible(R) || R.IsStage)
      continue;
    if (R.IsClass) {
      if (&R == MainClass) {
        C.Edges.push_back({"Stage[main]", R.ref()});
        continue;
      }
      std::string Stage = "main";
      if (const Value *St = R.param("stage"))
        Stage = St->toString();
      if (R.Title == "Settings")
        Stage = "main";
      C.Edges.push_back({"Stage[" + Stage + "]", R.ref()});
      if (R.Container && R.Container != &R)
        C.Edges.push_back({R.Container->ref(), R.ref()});
      continue;
    }
    CResource *Container = R.Container ? R.Container : MainClass;
    C.Edges.push_back({Container->ref(), R.ref()});
  }
  // Each resource is released as soon as it is converted, so the catalog
  // and the evaluator's resources are never both whole in memory.
  C.Resources.reserve(NumVisible);
  MainClass = MainStage = NodeResource = nullptr;
  for (; !Resources.empty(); Resources.pop_front())
    if (Visible(*Resources.front()))
      C.Resources.push_back(toCatalogResource(*Resources.front()));
  return C;
}

void Evaluator::releaseEvaluationState() {
  // Nothing is evaluated after validation: scopes, the resource index and
  // the pending work would only take memory while the catalog is built.
  for (auto &RP : Resources)
    RP->DeclScope = nullptr;
  CurrentCall = CallState();
  TopScope = NodeScope = nullptr;
  ClassScopes.clear();
  Collectors.clear();
  CollectorOfExpr.clear();
  PendingOverrides.clear();
  Relationships.clear();
  Scopes.clear();
  ResourceIndex = llvm::StringMap<CResource *>();
  AliasCache.clear();
  ResourceRefCache.fill(ResourceRefSlot());
}

catalog::Resource Evaluator::toCatalogResource(CResource &R) {
  catalog::Resource Out;
  Out.Type = R.Type;
  Out.Title = R.Title;
  // As Puppet's Resource.to_kind: classes and nodes are "unknown".
  Out.Kind = (R.IsClass || R.IsNode) ? catalog::ResourceKind::Unknown
             : R.Define              ? catalog::ResourceKind::DefinedType
                                     : catalog::ResourceKind::CompilableType;
  Out.Tags.reserve(R.Tags.size());
  for (TagPool::Tag T : R.Tags)
    Out.Tags.push_back(T->getKey().str());
  if (R.Range.isValid() && !R.IsClass && !R.IsStage) {
    Out.File = Env.getSourceManager().getName(R.Range.FileId).str();
    Out.Line = Env.getSourceManager().getLineColumn(R.Range.begin()).Line;
  }
  std::string LType = llvm::StringRef(R.Type).lower();
  const std::string *RubyNamevar = nullptr;
  if (auto It = RubyTypeNamevars.find(LType); It != RubyTypeNamevars.end())
    RubyNamevar = &It->second;
  auto Emitted = [&](const std::string &K, const Value &V) {
    if (V.isUndef())
      return false;
    // Puppet leaves out a namevar that merely repeats the title.
    return !(V.isString() && V.asString() == R.Title && !R.IsClass &&
             !R.IsStage && !R.KeepName &&
             (K == "name" || (K == "path" && LType == "file") ||
              (K == "command" && LType == "exec") ||
              (RubyNamevar && *RubyNamevar == K)));
  };
  size_t NumParams = 0;
  for (const auto &[K, V] : R.Params)
    NumParams += Emitted(K, V);
  catalog::Json::object_t &Params =
      Out.Parameters.get_ref<catalog::Json::object_t &>();
  Params.reserve(NumParams);
  // A Ruby type's title patterns set attributes from the title, unless
  // given (Puppet::Resource#parse_title, merged under the parameters).
  if (auto TP = RubyTypeTitlePatterns.find(LType);
      TP != RubyTypeTitlePatterns.end() && !R.Virtual && !R.Exported) {
    bool Matched = false;
    for (const TitlePattern &T : TP->second) {
      std::optional<RegexMatch> M = T.Re.regex()->search(R.Title);
      if (!M)
        continue;
      Matched = true;
      for (size_t I = 0; I < T.Attributes.size(); ++I) {
        const std::string &K = T.Attributes[I];
        if (I + 1 >= M->Groups.size() || !M->Groups[I + 1] || R.param(K))
          continue;
        Value V(*M->Groups[I + 1]);
        if (Emitted(K, V))
          Params.emplace_back(K, toJson(V));
      }
      break;
    }
    if (!Matched)
      fail(R.Range,
           "No set of title patterns matched the title \"" + R.Title + "\".");
  }
  for (const auto &[K, V] : R.Params) {
    if (!Emitted(K, V))
      continue;
    // Parameter names are unique in R.Params.
    if (V.isSensitive()) {
      Params.emplace_back(K, toJson(V.sensitiveValue()));
      Out.SensitiveParameters.push_back(K);
    } else {
      Params.emplace_back(K, toJson(V));
    }
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// The compile
//===----------------------------------------------------------------------===//

void Evaluator::setupHiera() {
  HieraData = Opts.HieraData;
  if (HieraData) { // shared with other compiles
    HieraData->beginCompile();
    return;
  }
  Environment *E = &Env;
  OwnedHiera = std::make_unique<Hiera>(
      Opts.HieraConfig, Opts.EnvironmentDir,
      [E](llvm::StringRef Mod) { return E->findModuleDir(Mod); });
  HieraData = OwnedHiera.get();
}

void Evaluator::setupTopScope() {
  FactsValue = jsonToValue(Opts.Facts);
  if (!FactsValue.isHash())
    FactsValue = Value(HashData());
  std::string Cert = Opts.NodeName;
  {
    HashData T;
    T.set(Value("authenticated"), Value(Opts.Authenticated));
    T.set(Value("certname"), Value(Cert));
    size_t Dot = Cert.find('.');
    T.set(Value("domain"),
          Dot == std::string::npos ? Value() : Value(Cert.substr(Dot + 1)));
    T.set(Value("extensions"), Value(HashData()));
    T.set(Value("hostname"), Value(Cert.substr(0, Dot)));
    TrustedValue = Value(std::move(T));
  }
  Scope &Top = newScope(Scope::Kind::Top, nullptr);
  TopScope = &Top;
  for (const auto &[K, V] : FactsValue.asHash())
    if (K.isString())
      Top.Vars[K.asString()] = V;
  if (Opts.NodeParameters.is_object())
    for (const auto &[K, V] : Opts.NodeParameters.items())
      Top.Vars[K] = jsonToValue(V);
  Top.Vars["environment"] = Value(Env.getConfig().Name);
  Top.Vars["clientcert"] = Value(Cert);
  Top.Vars["certname"] = Value(Cert);
  {
    HashData SF;
    SF.set(Value("environment"), Value(Env.getConfig().Name));
    SF.set(Value("serverversion"), Value("7.23.0"));
    Top.Vars["server_facts"] = Value(std::move(SF));
  }
}

void Evaluator::checkLoadedFile(uint32_t FileId) {
  if (!CheckedFiles.insert(FileId).second)
    return;
  const std::string Module = Env.getModuleOfFile(FileId);
  if (!Module.empty())
    if (const ClassDef *Init = Env.findClass(Module, Diags))
      checkLoadedFile(Init->Range.FileId);
  const Program *P = Env.getProgram(FileId);
  if (!P || !P->Body)
    return;
  std::function<void(const Block &)> Check = [&](const Block &B) {
    for (const ExprPtr &S : B.Statements) {
      const std::vector<Parameter> *Params = nullptr;
      if (const auto *C = llvm::dyn_cast_or_null<ClassDef>(S.get())) {
        Params = &C->Params;
        if (const auto *Body = llvm::dyn_cast_or_null<Block>(C->Body.get()))
          Check(*Body);
      } else if (const auto *D = llvm::dyn_cast_or_null<DefineDef>(S.get())) {
        Params = &D->Params;
      }
      if (Params)
        for (const Parameter &Param : *Params)
          if (Param.Type)
            eval(Param.Type.get(), *TopScope);
    }
  };
  Check(*P->Body);
}

catalog::Catalog Evaluator::compile() {
  setupTopScope();
  Scope &Top = *TopScope;
  for (const Program *P : Env.getMainPrograms())
    checkLoadedFile(P->FileId);

  // Stage[main], Class[Settings], Class[main].
  auto Make = [&](const char *Type, const char *Title) -> CResource & {
    Resources.push_back(std::make_unique<CResource>());
    CResource &R = *Resources.back();
    R.Type = Type;
    R.Title = Title;
    R.Order = NextOrder++;
    ResourceIndex[R.ref()] = &R;
    return R;
  };
  CResource &Stage = Make("Stage", "main");
  Stage.IsStage = true;
  Stage.addTag(Tags, "stage");
  Stage.setParam("name", Value("main"));
  MainStage = &Stage;
  CResource &Settings = Make("Class", "Settings");
  Settings.IsClass = true;
  Settings.addTag(Tags, "class");
  Settings.addTag(Tags, "settings");
  ClassesEvaluated.emplace_back("settings");
  CResource &Main = Make("Class", "main");
  Main.IsClass = true;
  Main.addTag(Tags, "class");
  Main.setParam("name", Value("main"));
  MainClass = &Main;
  Top.Resource = &Main;

  for (const Program *P : Env.getMainPrograms())
    if (P->Body)
      eval(P->Body.get(), Top);
  evaluateNode();
  evaluateNodeClasses();
  evaluateGenerators();
  finish();
  validateRelationships();
  validateAttributes();
  releaseEvaluationState();
  if (Opts.ReleaseParsedCode)
    Env.releaseParsedCode();
  return buildCatalog();
}

llvm::Expected<catalog::Catalog>
cppet::compileCatalog(Environment &Env, const CompileOptions &Opts,
                      DiagnosticEngine &Diags) {
  if (!Env.loadMain(Diags))
    return llvm::createStringError(std::errc::invalid_argument,
                                   "could not parse the main manifest");
  Evaluator E(Env, Opts, Diags);
  try {
    E.setupHiera();
    return E.compile();
  } catch (EvalError &Err) {
    Diags.error(Err.Range, Err.Id, Err.Message);
  } catch (ControlFlow &CF) {
    Diags.error(CF.Range, "control-flow",
                "Invalid use of break/next/return outside of a lambda or "
                "function");
  }
  return llvm::createStringError(std::errc::invalid_argument,
                                 "compilation failed");
}
