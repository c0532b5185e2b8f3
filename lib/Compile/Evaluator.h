//===- Evaluator.h - Puppet evaluation semantics (private) ----------------===//
//
// The evaluator walks the AST of the main manifest, the matched node and the
// classes and defines it reaches, and builds the catalog: scopes, variables,
// resources, defaults, overrides, collectors, relationships, stages.
// Internally errors are thrown as EvalError and caught at compileCatalog's
// boundary, where they become diagnostics.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_COMPILE_EVALUATOR_H
#define CPPET_LIB_COMPILE_EVALUATOR_H

#include "cppet/AST/AST.h"
#include "cppet/Catalog/Catalog.h"
#include "cppet/Compile/Compiler.h"
#include "cppet/Compile/Functions.h"
#include "cppet/Compile/Hiera.h"
#include "cppet/Compile/Regex.h"
#include "cppet/Compile/Types.h"
#include "cppet/Compile/Value.h"
#include "cppet/Sema/Environment.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/StringSaver.h"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cppet {

/// Searches Str with a compiled Puppet regexp.
inline std::optional<RegexMatch> regexSearch(const Regexp &Re,
                                             llvm::StringRef Str) {
  if (!Re.regex())
    return std::nullopt;
  return Re.regex()->search(Str);
}

/// A compile error raised during evaluation.
struct EvalError {
  std::string Message;
  SourceRange Range;
  std::string Id = "compile";
};

/// Control flow of `next`, `break` and `return` inside lambdas/functions.
struct ControlFlow {
  enum Kind { Next, Break, Return } K;
  Value V;
  SourceRange Range;
};

struct CResource;

/// "Type[title]", allocated to its exact size (references end up by the
/// thousand in catalogs: edges, relationship parameters).
inline std::string resourceRef(llvm::StringRef Type, llvm::StringRef Title) {
  std::string Ref;
  Ref.reserve(Type.size() + Title.size() + 2);
  Ref.append(Type.data(), Type.size());
  Ref += '[';
  Ref.append(Title.data(), Title.size());
  Ref += ']';
  return Ref;
}

/// One evaluated attribute operation (for defaults, overrides).
struct AttrValue {
  std::string Name;
  Value V;
  bool Append = false;
  SourceRange Range;
};

/// A scope. A large compile keeps thousands (every define instance and
/// lambda call makes one, and they stay for the resource defaults), so
/// names are interned and defaults allocated only when declared.
struct Scope {
  enum class Kind : uint8_t { Top, Node, Class, Define, Local };
  using DefaultsMap = std::map<std::string, std::vector<AttrValue>>;
  Kind K = Kind::Local;
  /// A collector evaluates its query here again later: keep the variables.
  bool Pinned = false;
  /// Dynamic parent: the scope this one was created from (defaults and
  /// local lookups follow it).
  Scope *Parent = nullptr;
  /// For class scopes of classes that inherit: the parent class's scope.
  Scope *Inherited = nullptr;
  llvm::StringMap<Value> Vars;
  /// Match captures ($0, $1, ...) set by =~, case and selectors.
  std::shared_ptr<std::vector<Value>> Captures;
  /// The resource whose body this scope evaluates (Class, define instance,
  /// Node); resources declared here are contained in it.
  CResource *Resource = nullptr;
  /// Class or define name ("" for top/node), and module; interned by the
  /// evaluator (Evaluator::intern).
  llvm::StringRef Name;
  llvm::StringRef ModuleName;
  /// Resource defaults declared in this scope, by lowercase type name.
  std::unique_ptr<DefaultsMap> Defaults;

  bool isLocal() const { return K == Kind::Local; }
  /// The defaults declared here for a type, or null.
  const std::vector<AttrValue> *defaultsFor(const std::string &LType) const {
    if (!Defaults)
      return nullptr;
    auto It = Defaults->find(LType);
    return It == Defaults->end() ? nullptr : &It->second;
  }
};

/// The tags of one compile, each stored once: a resource holds pointers to
/// its tags (large catalogs carry a dozen tags on every resource, most of
/// them inherited from the container), and equal tags are equal pointers.
class TagPool {
public:
  using Tag = const llvm::StringMapEntry<llvm::NoneType> *;
  /// T must be a valid, lowercase tag.
  Tag intern(llvm::StringRef T) { return &*Tags.insert(T).first; }
  /// The tag if it was ever interned, else null.
  Tag find(llvm::StringRef T) const {
    auto It = Tags.find(T);
    return It == Tags.end() ? nullptr : &*It;
  }

private:
  llvm::StringSet<> Tags;
};

/// A resource while the catalog is being built (a large compile holds
/// tens of thousands: keep the fields packed).
struct CResource {
  using Tag = TagPool::Tag;
  std::string Type; // capitalized
  std::string Title;
  std::vector<std::pair<std::string, Value>> Params;
  std::vector<Tag> Tags; // lowercase, unique, in insertion order
  SourceRange Range;
  /// How many define instances contain this one.
  unsigned DefineDepth = 0;
  bool Virtual = false;
  bool Exported = false;
  bool IsClass = false;
  bool IsNode = false;
  bool IsStage = false;
  bool Removed = false; // e.g. superseded
  /// A defined type instance whose body was evaluated.
  bool Evaluated = false;
  /// Declared with a non-String title: `name` stays in the catalog.
  bool KeepName = false;
  Scope *DeclScope = nullptr;
  CResource *Container = nullptr;
  /// Defined type instance: its definition.
  const ast::DefineDef *Define = nullptr;
  /// Declaration order.
  size_t Order = 0;

  std::string ref() const { return resourceRef(Type, Title); }
  const Value *param(llvm::StringRef Name) const;
  void setParam(const std::string &Name, Value V);
  /// Adds T lowercased if it is a valid tag and not there yet.
  void addTag(TagPool &Pool, llvm::StringRef T);
  void addTag(Tag T) {
    if (std::find(Tags.begin(), Tags.end(), T) == Tags.end())
      Tags.push_back(T);
  }
  /// Adds a name and, for `a::b`, its segments.
  void addNameTags(TagPool &Pool, llvm::StringRef Name);
  bool hasTag(llvm::StringRef LowerT) const;
};

/// Orders resources as they were declared.
struct ByDeclarationOrder {
  bool operator()(const CResource *A, const CResource *B) const {
    return A->Order < B->Order;
  }
};

class Evaluator : public FunctionContext {
public:
  Evaluator(Environment &Env, const CompileOptions &Opts,
            DiagnosticEngine &Diags);
  ~Evaluator() override;

  /// Makes the Hiera used by lookup() and class parameters.
  void setupHiera();
  /// Runs the whole compile; throws EvalError on the first error.
  catalog::Catalog compile();
  /// Puppet evaluates the parameter types of every class and define of a
  /// manifest when it loads the file (and a module's init.pp comes with
  /// any of its classes or defines): an unknown type there fails the
  /// compile even where the definition is not used. Once per file.
  void checkLoadedFile(uint32_t FileId);
  /// `Type[title][attr, ...]`: the values of a declared resource's
  /// attributes (undef for a valid one not set), one or an Array.
  Value resourceValues(const Type &Ref, llvm::ArrayRef<Value> Keys,
                       SourceRange R);
  /// The top scope alone: $facts, $trusted, the facts as variables,
  /// $environment, $server_facts (compile() begins with it).
  void setupTopScope();
  /// Resolves the Deferred values of C's parameters (see
  /// cppet::resolveDeferred); needs setupTopScope(). Throws EvalError.
  void resolveCatalogDeferred(catalog::Catalog &C);

  // --- FunctionContext (for built-in functions) ---
  llvm::StringRef name() const override { return CurrentCall.Name; }
  bool hasBlock() const override { return CurrentCall.Block != nullptr; }
  size_t blockParamCount() const override;
  Value callBlock(llvm::ArrayRef<Value> Args) override;
  Value fact(llvm::StringRef Name) const override;
  llvm::StringRef nodeName() const override { return Opts.NodeName; }
  void log(llvm::StringRef Level, llvm::StringRef Message) override;
  [[noreturn]] void error(const std::string &Message) override;
  bool breakRequested() const override { return BreakFlag; }
  std::optional<Value> variable(llvm::StringRef Name) override;
  std::vector<std::pair<std::string, Value>> visibleVariables() override;
  void setVariable(llvm::StringRef Name, Value V) override;
  std::shared_ptr<void> &compileLocal(llvm::StringRef Key) override {
    return CompileLocals[Key.str()];
  }
  Value callFunction(llvm::StringRef Name, llvm::ArrayRef<Value> Args) override;
  Value callFunctionWithBlock(llvm::StringRef Name,
                              llvm::ArrayRef<Value> Args) override;
  void declareResource(llvm::StringRef Type, llvm::StringRef Title,
                       const HashData &Params,
                       bool TitleIsString = true) override;
  bool resourceExists(llvm::StringRef Type, llvm::StringRef Title) override;
  std::optional<HashData> resourceParameters(llvm::StringRef Type,
                                             llvm::StringRef Title) override;
  std::optional<std::string> moduleFile(llvm::StringRef Spec,
                                        llvm::StringRef SubDir) override;

  // Evaluation (public for the function helpers in this library).
  Value eval(const ast::Expr *E, Scope &S);
  [[noreturn]] void fail(SourceRange R, const std::string &Message,
                         const char *Id = "compile");

  Value callLambda(const ast::Lambda &L, Scope &Parent,
                   llvm::ArrayRef<Value> Args);

private:
  Environment &Env;
  const CompileOptions &Opts;
  DiagnosticEngine &Diags;
  std::deque<std::unique_ptr<Scope>> Scopes;
  std::deque<std::unique_ptr<CResource>> Resources;
  /// "Type[title]" (and aliases) -> resource. A StringMap keeps each key
  /// inline in its entry: one allocation per resource.
  llvm::StringMap<CResource *> ResourceIndex;
  std::map<std::string, Scope *> ClassScopes; // class name -> scope
  std::vector<std::string> ClassesEvaluated;  // catalog `classes`
  Scope *TopScope = nullptr;
  Scope *NodeScope = nullptr;
  CResource *MainClass = nullptr;
  CResource *MainStage = nullptr;
  CResource *NodeResource = nullptr;
  Value FactsValue;
  Value TrustedValue;
  std::vector<std::string> CatalogTags;
  TagPool Tags;
  size_t NextOrder = 0;
  unsigned Depth = 0;

  struct PendingOverride {
    std::vector<std::string> Refs;
    std::vector<AttrValue> Attrs;
    Scope *From = nullptr;
    SourceRange Range;
  };
  std::vector<PendingOverride> PendingOverrides;

  struct CollectorInfo {
    const ast::Collector *Expr = nullptr;
    Scope *S = nullptr;
    std::string Type; // capitalized
    std::vector<AttrValue> Overrides;
    /// The resources collected, in declaration order (not by address:
    /// relationships to a collector list them in this order).
    std::set<CResource *, ByDeclarationOrder> Applied;
  };
  std::vector<std::unique_ptr<CollectorInfo>> Collectors;

  /// A relationship operand: resource references, or a collector.
  struct RelOperand {
    std::vector<std::string> Refs;
    CollectorInfo *Collector = nullptr;
    /// A collector's left neighbour in a chain (`X -> Coll -> Y`): what
    /// stands for the collector as a source when it collects nothing, as
    /// Puppet's EmptyAlternativeAdapter does.
    std::shared_ptr<const RelOperand> EmptyAlternative;
  };
  struct PendingRelationship {
    RelOperand Source;
    RelOperand Target;
    ast::RelationshipOp Op;
    SourceRange Range;
  };
  std::vector<PendingRelationship> Relationships;
  /// An evaluated operand of an arrow: what it relates, and its value.
  struct ChainEnd {
    RelOperand Op;
    Value V;
  };
  ChainEnd evalChain(const ast::Expr *E, Scope &S);
  std::map<const ast::Expr *, CollectorInfo *> CollectorOfExpr;

  struct CallState {
    std::string Name;
    const ast::Lambda *Block = nullptr;
    Scope *S = nullptr;
    SourceRange Range;
  };
  CallState CurrentCall;
  bool BreakFlag = false;
  std::string *EppOutput = nullptr;
  std::map<std::string, Type> AliasCache;
  /// The last resource references made by `Type[title]`, by hash.
  struct ResourceRefSlot {
    std::string Name;
    std::string Title;
    Value Ref;
  };
  std::array<ResourceRefSlot, 64> ResourceRefCache;
  /// Function name -> the module directory that ships it in Ruby ("" for
  /// none).
  std::map<std::string, std::string> ModuleFunctionCache;
  std::map<std::string, std::shared_ptr<void>> CompileLocals;
  /// Namevars of the Ruby resource types found in modules.
  std::map<std::string, std::string> RubyTypeNamevars;

public:
  /// One of a Ruby type's title patterns: its captures set Attributes.
  struct TitlePattern {
    Regexp Re;
    std::vector<std::string> Attributes;
  };

private:
  /// The title patterns of the Ruby types that declare them literally.
  std::map<std::string, std::vector<TitlePattern>> RubyTypeTitlePatterns;
  /// The parameters of the class or define being bound that have no value
  /// (yet): a default that reads one fails (lookupVar).
  struct UnboundParameters {
    const Scope *Body = nullptr;
    const std::vector<std::string> *Names = nullptr;
    std::string What;
    SourceRange Range;
  };
  UnboundParameters Unbound;
  /// Capitalized references found to name a resource type (evalReference
  /// checks each name once).
  llvm::StringSet<> KnownTypeReferences;
  /// Files whose definitions' parameter types were evaluated.
  std::set<uint32_t> CheckedFiles;
  /// Their attributes when the Ruby declaration lists them plainly
  /// (newparam/newproperty with symbol names, ensurable); absent when it
  /// does not (attributes made in loops, a parent type, the Resource API).
  std::map<std::string, llvm::StringSet<>> RubyTypeAttributes;
  /// The directory of the module on the modulepath whose lib/puppet
  /// (parser/)functions has Name in Ruby, or "".
  const std::string &moduleShippingFunction(const std::string &Name);
  Hiera *HieraData = nullptr;
  std::unique_ptr<Hiera> OwnedHiera;

  // Hiera
  std::optional<Value> hieraLookup(const std::string &Key,
                                   const MergeStrategy &M, Scope &S,
                                   SourceRange R);
  Value lookupFunction(llvm::ArrayRef<Value> Args, const ast::Lambda *Block,
                       Scope &S, SourceRange R);

  // Scopes and variables
  Scope &newScope(Scope::Kind K, Scope *Parent);
  /// Keeps one copy of S for the whole compile (scope and module names).
  llvm::StringRef intern(llvm::StringRef S) { return Strings.save(S); }
  llvm::BumpPtrAllocator StringsAlloc;
  llvm::UniqueStringSaver Strings{StringsAlloc};
  void releaseScope(Scope &S);
  Scope *enclosingNamedScope(Scope &S);
  const Value *lookupVar(llvm::StringRef Name, Scope &S, SourceRange R);
  void setVar(Scope &S, const std::string &Name, Value V, SourceRange R);
  CResource *scopeResource(Scope &S);
  std::string scopeModule(Scope &S);
  std::string describeScope(Scope &S);

  // Expressions
  Value evalBlock(const ast::Block &B, Scope &S);
  Value evalConcat(const ast::ConcatString &C, Scope &S);
  Value evalAccess(const ast::Access &A, Scope &S);
  Value evalBinary(const ast::Binary &B, Scope &S);
  /// LRange and RRange locate the operands (a conversion error names the
  /// one that failed, as Puppet does).
  Value evalArithmetic(ast::BinaryOp Op, const Value &L, const Value &R,
                       SourceRange Range, SourceRange LRange,
                       SourceRange RRange);
  Value evalAssignment(const ast::Assignment &A, Scope &S);
  Value evalSelector(const ast::Selector &Sel, Scope &S);
  Value evalCase(const ast::Case &C, Scope &S);
  Value evalCall(const ast::Call &C, Scope &S);
  Value evalMethodCall(const ast::MethodCall &M, Scope &S);
  Value callFunction(const std::string &Name, std::vector<Value> Args,
                     const ast::Lambda *Block, Scope &S, SourceRange R);
  Value callPuppetFunction(const ast::FunctionDef &F, std::vector<Value> Args,
                           SourceRange R);
  Value evalReference(const ast::QualifiedReference &Q, Scope &S);
  Type resolveTypeName(const std::string &Name, SourceRange R);
  std::vector<Value> evalArgs(const ast::ExprList &Args, Scope &S);
  bool matchCaseValue(const Value &Control, const Value &Option, Scope &S,
                      SourceRange R);
  bool matchRegex(const Regexp &Re, const std::string &Str, Scope &S);
  Value toNumber(const Value &V, SourceRange R);
  bool evalIn(const Value &L, const Value &R, Scope &S);

  // Resources
  Value evalResource(const ast::Resource &R, Scope &S);
  Value evalResourceDefaults(const ast::ResourceDefaults &D, Scope &S);
  Value evalResourceOverride(const ast::ResourceOverride &O, Scope &S);
  Value evalCollector(const ast::Collector &C, Scope &S);
  Value evalRelationship(const ast::Relationship &R, Scope &S);
  std::vector<AttrValue>
  evalAttributes(const std::vector<ast::AttributeOp> &Ops, Scope &S);
  CResource *declareResource(const std::string &TypeName,
                             const std::string &Title,
                             std::vector<AttrValue> Attrs, Scope &S,
                             SourceRange R, ast::ResourceForm Form,
                             bool TitleIsString = true);
  CResource *findResource(const std::string &Ref);
  void addResource(CResource *R, SourceRange Range);
  void inheritTags(CResource &R, Scope &S);
  void applyOverride(CResource &R, const std::vector<AttrValue> &Attrs,
                     Scope *From, SourceRange Range, bool FromCollector);
  std::string canonicalTypeName(const std::string &Name, SourceRange R,
                                bool &IsDefine, const ast::DefineDef *&Def);
  RelOperand relOperand(const Value &V, const ast::Expr *E, SourceRange R);
  void collectRefs(const Value &V, std::vector<std::string> &Out,
                   SourceRange R);
  std::string refOf(const Type &T, SourceRange R);

  // Classes, defines, nodes
  CResource *declareClass(const std::string &Name, Scope &From, SourceRange R,
                          const std::vector<AttrValue> *Params,
                          bool ResourceLike);
  void evaluateClassBody(CResource &Res, const ast::ClassDef &Def, Scope &From,
                         const std::vector<AttrValue> *Params);
  void evaluateDefine(CResource &Res);
  void bindParameters(Scope &Body, CResource &Res,
                      const std::vector<ast::Parameter> &Params,
                      const std::vector<AttrValue> &Given,
                      const std::string &What, bool IsClass);
  Value includeFunction(const std::string &Kind, llvm::ArrayRef<Value> Args,
                        Scope &S, SourceRange R);
  void evaluateNode();
  /// The external node classifier's classes (CompileOptions::NodeClasses).
  void evaluateNodeClasses();
  void evaluateGenerators();
  bool evaluateCollectors();
  void finish();
  void validateRelationships();
  void validateAttributes();
  /// Frees what only evaluation needs (scopes, index, pending work).
  void releaseEvaluationState();
  /// Makes the catalog, releasing the resources as they are converted.
  catalog::Catalog buildCatalog();
  catalog::Resource toCatalogResource(CResource &R);
  void realize(CResource &R);

  // Built-ins that need the evaluator
  Value callBuiltinInternal(const std::string &Name, std::vector<Value> &Args,
                            const ast::Lambda *Block, Scope &S, SourceRange R,
                            bool &Handled);
  Value renderEpp(const ast::Program &P, const Value &Params, SourceRange R);
  bool isDefined(const Value &V, Scope &S, SourceRange R);

  // JSON conversion
  catalog::Json toJson(const Value &V);
};

} // namespace cppet

#endif
