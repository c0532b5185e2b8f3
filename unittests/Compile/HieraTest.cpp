//===- HieraTest.cpp - Hiera 5 lookup tests -------------------------------===//

#include "cppet/Compile/Hiera.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace cppet;

namespace {

const std::string InputsDir = [] {
  std::string F = __FILE__;
  return F.substr(0, F.rfind('/')) + "/Inputs/hiera";
}();
const std::string CasesDir = "/work/shared/conformance/cases";

std::string readText(const std::string &Path) {
  std::ifstream In(Path);
  std::ostringstream SS;
  SS << In.rdbuf();
  return SS.str();
}

bool fileExists(const std::string &Path) { return std::ifstream(Path).good(); }

Value fromJson(const nlohmann::ordered_json &J) {
  if (J.is_null())
    return Value();
  if (J.is_boolean())
    return Value(J.get<bool>());
  if (J.is_number_integer())
    return Value(J.get<int64_t>());
  if (J.is_number())
    return Value(J.get<double>());
  if (J.is_string())
    return Value(J.get<std::string>());
  if (J.is_array()) {
    Array A;
    for (const auto &E : J)
      A.push_back(fromJson(E));
    return Value(std::move(A));
  }
  HashData H;
  for (auto It = J.begin(); It != J.end(); ++It)
    H.set(Value(It.key()), fromJson(It.value()));
  return Value(std::move(H));
}

/// A scope like the compiler's: `facts`, `trusted`, `environment`, and every
/// fact as a top-scope variable.
struct TestScope {
  Value Facts = Value(HashData());
  std::string Certname = "web01.example.com";

  HieraScope scope() const {
    return [this](llvm::StringRef Name) -> Value {
      if (Name == "facts")
        return Facts;
      if (Name == "trusted")
        return makeHash({{"certname", Value(Certname)}});
      if (Name == "environment")
        return Value("production");
      if (const Value *V = Facts.asHash().find(Name))
        return *V;
      return Value();
    };
  }
};

TestScope caseScope(const std::string &CaseDir) {
  TestScope S;
  S.Facts = fromJson(
      nlohmann::ordered_json::parse(readText(CaseDir + "/facts.json")));
  std::string Node = readText(CaseDir + "/node");
  while (!Node.empty() && (Node.back() == '\n' || Node.back() == ' '))
    Node.pop_back();
  S.Certname = Node;
  return S;
}

TestScope defaultScope() {
  TestScope S;
  S.Facts = makeHash({{"os", makeHash({{"family", "Debian"}})},
                      {"role", "web"},
                      {"services", makeArray({"web", "db"})}});
  return S;
}

std::function<std::optional<std::string>(llvm::StringRef)>
modulesIn(const std::string &Dir) {
  return [Dir](llvm::StringRef Name) -> std::optional<std::string> {
    const std::string Path = Dir + "/" + Name.str();
    if (fileExists(Path + "/hiera.yaml") ||
        fileExists(Path + "/data/common.yaml"))
      return Path;
    return std::nullopt;
  };
}

nlohmann::ordered_json toJson(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::Undef:
    return nullptr;
  case Value::Kind::Boolean:
    return V.asBoolean();
  case Value::Kind::Integer:
    return V.asInteger();
  case Value::Kind::Float:
    return V.asFloat();
  case Value::Kind::Array: {
    auto A = nlohmann::ordered_json::array();
    for (const Value &E : V.asArray())
      A.push_back(toJson(E));
    return A;
  }
  case Value::Kind::Hash: {
    auto H = nlohmann::ordered_json::object();
    for (const auto &[K, E] : V.asHash())
      H[K.toString()] = toJson(E);
    return H;
  }
  default:
    return V.toString();
  }
}

/// The JSON text of a value, keys in order ("{\"a\":1}").
std::string dump(const std::optional<Value> &V) {
  return V ? toJson(*V).dump() : "<not found>";
}

MergeStrategy strategy(const Value &V) {
  std::optional<MergeStrategy> S = Hiera::parseMerge(V);
  EXPECT_TRUE(S.has_value());
  return S.value_or(MergeStrategy());
}

class HieraFixture : public ::testing::Test {
protected:
  std::unique_ptr<Hiera> H;
  TestScope Scope = defaultScope();
  std::optional<HieraError> Err;

  void open(const std::string &EnvDir, const std::string &Global = "") {
    H = std::make_unique<Hiera>(Global, EnvDir, modulesIn(EnvDir + "/modules"));
  }

  std::optional<Value> get(llvm::StringRef Key,
                           const MergeStrategy &S = MergeStrategy()) {
    return H->lookup(Key, S, Scope.scope(), Err);
  }
  std::string json(llvm::StringRef Key,
                   const MergeStrategy &S = MergeStrategy()) {
    std::optional<Value> V = get(Key, S);
    EXPECT_FALSE(Err) << Key.str() << ": " << Err->Message;
    return dump(V);
  }
  std::string error(llvm::StringRef Key,
                    const MergeStrategy &S = MergeStrategy()) {
    std::optional<Value> V = get(Key, S);
    EXPECT_FALSE(V) << Key.str();
    return Err ? Err->Message : "<no error>";
  }
};

//===----------------------------------------------------------------------===//
// The conformance cases' own fixtures
//===----------------------------------------------------------------------===//

class HieraCaseTest : public HieraFixture {
protected:
  bool openCase(const std::string &Name) {
    const std::string Dir = CasesDir + "/" + Name;
    if (!fileExists(Dir + "/hiera.yaml"))
      return false;
    // As cppetc (and the reference run) do: the case's hiera.yaml is the
    // global layer (--hiera-config), the environment has none.
    H = std::make_unique<Hiera>(Dir + "/hiera.yaml", "",
                                modulesIn(Dir + "/modules"));
    Scope = caseScope(Dir);
    return true;
  }
};

TEST_F(HieraCaseTest, Basic) {
  if (!openCase("hiera_basic"))
    GTEST_SKIP() << "conformance cases not available";
  EXPECT_EQ(json("node_key"), "\"from-node\"");
  EXPECT_EQ(json("os_key"), "\"from-debian\"");
  EXPECT_EQ(json("shadowed"), "\"node-wins\"");
  EXPECT_EQ(json("common_only"), "\"common\"");
  EXPECT_EQ(json("port_num"), "8080");
  EXPECT_TRUE(get("port_num")->isInteger());
}

TEST_F(HieraCaseTest, MergeStrategies) {
  if (!openCase("hiera_merge_strategies"))
    GTEST_SKIP() << "conformance cases not available";
  EXPECT_EQ(json("pkgs"), R"(["vim","curl"])");
  EXPECT_EQ(json("pkgs", strategy("unique")),
            R"(["vim","curl","apt-utils","base"])");
  EXPECT_EQ(
      json("settings", strategy("hash")),
      R"({"a":"node","c":"common","nested":{"x":1,"list":["n"]},"b":"os"})");
  EXPECT_EQ(
      json("settings", strategy("deep")),
      R"({"a":"node","c":"common","nested":{"z":3,"y":2,"list":["o","n"],"x":1},"b":"os"})");
  EXPECT_EQ(
      json("settings", strategy(makeHash({{"strategy", "deep"},
                                          {"merge_hash_arrays", true}}))),
      R"({"a":"node","c":"common","nested":{"z":3,"y":2,"list":["o","n"],"x":1},"b":"os"})");
}

TEST_F(HieraCaseTest, MissingKey) {
  if (!openCase("hiera_missing_key"))
    GTEST_SKIP() << "conformance cases not available";
  EXPECT_FALSE(get("does::not::exist"));
  EXPECT_FALSE(Err);
  EXPECT_EQ(json("a"), "1");
}

TEST_F(HieraCaseTest, ModuleData) {
  if (!openCase("hiera_module_data"))
    GTEST_SKIP() << "conformance cases not available";
  EXPECT_EQ(json("dbmod::engine"), "\"from-global\"");
  EXPECT_EQ(json("dbmod::port"), "5432");
  EXPECT_EQ(json("dbmod::user"), "\"deb-postgres\"");
}

TEST_F(HieraCaseTest, AutomaticParameterLookup) {
  if (!openCase("hiera_apl"))
    GTEST_SKIP() << "conformance cases not available";
  EXPECT_EQ(json("profile::web::docroot"), "\"/srv/www\"");
  EXPECT_EQ(json("profile::web::workers"), "8");
  EXPECT_EQ(json("profile::web::modules"), R"(["ssl","rewrite"])");
  EXPECT_EQ(json("explicit::v"), "\"from-hiera\"");
}

//===----------------------------------------------------------------------===//
// Interpolation and dotted keys
//===----------------------------------------------------------------------===//

class HieraInterpolationTest : public HieraFixture {
protected:
  void SetUp() override { open(InputsDir + "/interp"); }
};

TEST_F(HieraInterpolationTest, ScopeVariables) {
  EXPECT_EQ(json("greeting"), "\"hello Debian from web\"");
  EXPECT_EQ(json("fqdn_copy"), "\"web01.example.com\"");
  EXPECT_EQ(json("scoped"), "\"web\"");
  EXPECT_EQ(json("missing"), "\"[]\"");
  EXPECT_EQ(json("missing_fact"), "\"[]\"");
  EXPECT_EQ(json("nested"), R"({"inner":"os=Debian","list":["web","x"]})");
  EXPECT_EQ(json("empty_interp"), "\"abc\"");
  EXPECT_EQ(json("unclosed"), "\"a%{b\"");
}

TEST_F(HieraInterpolationTest, HierarchyPathsUseScope) {
  EXPECT_EQ(json("node_key"), "\"node\"");
  EXPECT_EQ(json("role_key"), "\"web-role\"");
  Scope.Certname = "other.example.com";
  EXPECT_FALSE(get("node_key"));
  EXPECT_FALSE(Err);
}

TEST_F(HieraInterpolationTest, Methods) {
  EXPECT_EQ(json("via_lookup"), "\"port=8080\"");
  EXPECT_EQ(json("via_hiera"), "\"port=8080\"");
  EXPECT_EQ(json("literal"), "\"100%\"");
  EXPECT_EQ(json("missing_lookup"), "\"<>\"");
  // Collections interpolated into strings use Ruby's to_s.
  EXPECT_EQ(json("interp_array"), R"("servers=[\"a\", \"b\"]")");
}

TEST_F(HieraInterpolationTest, AliasKeepsType) {
  std::optional<Value> Port = get("port_alias");
  ASSERT_TRUE(Port);
  EXPECT_TRUE(Port->isInteger());
  EXPECT_EQ(json("list_alias"), R"(["a","b"])");
  EXPECT_EQ(error("bad_alias"), "'alias' interpolation is only permitted if "
                                "the expression is equal to the entire string");
}

TEST_F(HieraInterpolationTest, Errors) {
  EXPECT_EQ(error("rec_a"), "Recursive lookup detected in [rec_a, rec_b]");
  EXPECT_EQ(error("self_alias"), "Recursive lookup detected in [self_alias]");
  EXPECT_EQ(error("bad_method"), "Unknown interpolation method 'nosuch'");
}

TEST_F(HieraInterpolationTest, DottedKeys) {
  EXPECT_EQ(json("deep.a.b.1"), "20");
  EXPECT_EQ(json("deep.a"), R"({"b":[10,20]})");
  EXPECT_EQ(json("'dotted.key'"), "\"quoted\"");
  EXPECT_EQ(json("deep.\"a\".b"), "[10,20]");
  EXPECT_FALSE(get("deep.a.x"));
  EXPECT_FALSE(Err);
  EXPECT_FALSE(get("deep.a.b.5"));
  EXPECT_FALSE(Err);
  EXPECT_EQ(error("deep.a.b.x"),
            "Data Provider type mismatch: Got Array when a hash-like object "
            "was expected to access value using 'x' from key 'deep.a.b.x'");
  EXPECT_EQ(error("deep..a"), "Syntax error in key: 'deep..a'");
}

TEST_F(HieraInterpolationTest, LookupOptionsKeyIsReserved) {
  EXPECT_FALSE(get("lookup_options"));
  EXPECT_FALSE(get("lookup_options.x"));
  EXPECT_FALSE(Err);
}

//===----------------------------------------------------------------------===//
// lookup_options, modules and deep merge options
//===----------------------------------------------------------------------===//

class HieraOptionsTest : public HieraFixture {
protected:
  void SetUp() override { open(InputsDir + "/opts"); }
};

TEST_F(HieraOptionsTest, LookupOptionsGiveDefaultStrategy) {
  // The node level's 'deep' wins over common's 'hash' (hash merge of
  // lookup_options, higher priority first).
  EXPECT_EQ(
      json("users"),
      R"({"alice":{"groups":["b","a"],"shell":"sh","uid":1},"bob":{"uid":2}})");
  // An explicit strategy overrides lookup_options.
  EXPECT_EQ(json("users", strategy("first")),
            R"({"alice":{"uid":1,"groups":["a"]}})");
  // Pattern keys.
  EXPECT_EQ(json("profile::web::pkgs"), R"(["b","a"])");
}

TEST_F(HieraOptionsTest, ConvertToSensitive) {
  std::optional<Value> Secret = get("secret");
  ASSERT_TRUE(Secret && Secret->isSensitive());
  EXPECT_EQ(Secret->sensitiveValue().asString(), "s3cret");
}

TEST_F(HieraOptionsTest, ModuleLayer) {
  EXPECT_EQ(json("mymod::list"), R"(["node","env","mod"])");
  EXPECT_EQ(json("mymod::only"), "\"from-module\"");
  // A module without hiera.yaml has no data provider.
  EXPECT_FALSE(get("plain::x"));
  EXPECT_FALSE(Err);
  EXPECT_EQ(error("badopts::x"),
            "all lookup_options keys must start with module name 'badopts'");
}

TEST_F(HieraOptionsTest, DeepMergeKnockout) {
  const MergeStrategy KO =
      strategy(makeHash({{"strategy", "deep"}, {"knockout_prefix", "--"}}));
  EXPECT_EQ(json("conf", KO), R"({"a":1,"list":["z","x"],"gone":"","kept":1})");
  EXPECT_EQ(json("pkgs", KO), R"(["curl","vim"])");
}

TEST_F(HieraOptionsTest, DeepMergeSortAndArrays) {
  EXPECT_EQ(json("sorted", strategy("deep")), R"(["b","a","c"])");
  EXPECT_EQ(json("sorted", strategy(makeHash({{"strategy", "deep"},
                                              {"sort_merged_arrays", true}}))),
            R"(["a","b","c"])");
  EXPECT_EQ(json("sorted", strategy("unique")), R"(["c","a","b"])");
  // A single found value is not flattened into a merge.
  EXPECT_EQ(json("hashes", strategy("unique")), R"([{"name":"x"}])");
}

TEST_F(HieraOptionsTest, HashMergeOfNonHashes) {
  EXPECT_EQ(
      error("pkgs", strategy("hash")),
      "The first element of the merge has wrong type, expects a Hash value, "
      "got Tuple");
}

//===----------------------------------------------------------------------===//
// Backends, locations and configuration
//===----------------------------------------------------------------------===//

TEST_F(HieraFixture, JsonBackendAndPaths) {
  open(InputsDir + "/json");
  EXPECT_EQ(json("x"), R"({"k":1,"f":1.5})");
  EXPECT_EQ(json("x", strategy("hash")), R"({"j":true,"k":1,"f":1.5})");
  EXPECT_EQ(json("arr", strategy("unique")), "[1,2]");
  std::optional<Value> N = get("n");
  ASSERT_TRUE(N);
  EXPECT_TRUE(N->isUndef());
}

TEST_F(HieraFixture, MappedPaths) {
  open(InputsDir + "/mapped");
  EXPECT_EQ(json("svc_key"), "\"from-web\"");
  EXPECT_EQ(json("svcs", strategy("unique")), R"(["web","db","common"])");
  Scope.Facts = makeHash({{"services", "db"}});
  EXPECT_EQ(json("svc_key"), "\"from-db\"");
  Scope.Facts = Value(HashData());
  EXPECT_FALSE(get("svc_key"));
  EXPECT_EQ(json("svcs"), R"(["common"])");
}

TEST_F(HieraFixture, Globs) {
  open(InputsDir + "/glob");
  EXPECT_EQ(json("g", strategy("unique")), R"(["a","b"])");
}

TEST_F(HieraFixture, YamlTypes) {
  open(InputsDir + "/types");
  EXPECT_EQ(json("int"), "42");
  EXPECT_EQ(json("neg"), "-7");
  EXPECT_EQ(json("octal"), "8");
  EXPECT_EQ(json("hex"), "31");
  EXPECT_EQ(json("float"), "1.5");
  EXPECT_EQ(json("exp"), "1000.0");
  EXPECT_EQ(json("notfloat"), "\"1e3\"");
  EXPECT_EQ(json("bool_yes"), "true");
  EXPECT_EQ(json("bool_true"), "true");
  EXPECT_EQ(json("bool_off"), "false");
  EXPECT_EQ(json("str_quoted"), "\"80\"");
  EXPECT_EQ(json("str_dq"), "\"true\"");
  EXPECT_EQ(json("nullv"), "null");
  EXPECT_EQ(json("nullword"), "null");
  EXPECT_EQ(json("empty"), "null");
  EXPECT_EQ(json("str"), "\"hello\"");
  EXPECT_EQ(json("order"), R"({"z":1,"a":2,"m":3})");
  EXPECT_EQ(json("merged"), R"({"x":1,"y":3})");
  EXPECT_EQ(json("date"), "\"2020-01-01\"");
  std::optional<Value> IntKey = get("int_key");
  ASSERT_TRUE(IntKey && IntKey->isHash());
  EXPECT_TRUE(IntKey->asHash().find(Value(80)));
}

TEST_F(HieraFixture, BadYamlNamesTheFile) {
  open(InputsDir + "/badyaml");
  const std::string Message = error("a");
  EXPECT_NE(Message.find("Unable to parse"), std::string::npos) << Message;
  EXPECT_NE(Message.find("badyaml/data/common.yaml"), std::string::npos)
      << Message;
  // The error is reported again on the next lookup.
  EXPECT_NE(error("b").find("common.yaml"), std::string::npos);
}

TEST_F(HieraFixture, Version3IsRejected) {
  open(InputsDir + "/v3");
  const std::string Message = error("a");
  EXPECT_NE(Message.find("version 3"), std::string::npos) << Message;
}

TEST_F(HieraFixture, HierarchyWithoutDataFunction) {
  open(InputsDir + "/nofunction");
  const std::string Expected =
      "One of data_hash, lookup_key, data_dig, or hiera3_backend must be "
      "defined in hierarchy 'common' (file: " +
      InputsDir + "/nofunction/hiera.yaml)";
  EXPECT_EQ(error("a"), Expected);
  // Reported on every lookup, not only the first.
  EXPECT_EQ(error("a"), Expected);
}

TEST_F(HieraFixture, UnrecognizedConfigKey) {
  open(InputsDir + "/badkey");
  EXPECT_EQ(error("a"), "The Lookup Configuration at '" + InputsDir +
                            "/badkey/hiera.yaml' entry 'hierarchy' index 0 "
                            "has unrecognized key 'pth'");
}

TEST_F(HieraFixture, ModuleDefaultHierarchy) {
  open(InputsDir + "/defaulthier");
  EXPECT_EQ(json("dm::a"), "\"from-common\"");
  EXPECT_EQ(json("dm::b"), "\"default-b\"");
  EXPECT_EQ(json("dm::h", strategy("hash")), R"({"y":2})");
  // A root found without the subkey falls back to the default hierarchy.
  EXPECT_EQ(json("dm::h.x"), "1");
}

TEST_F(HieraFixture, GlobalLayerComesFirst) {
  open(InputsDir + "/env", InputsDir + "/global/hiera.yaml");
  EXPECT_EQ(json("shared"), "\"global\"");
  EXPECT_EQ(json("gl"), R"(["g","e"])");
}

TEST_F(HieraFixture, MissingGlobalConfigUsesDefaults) {
  // No hiera.yaml at the global path: the default hierarchy (data/common.yaml
  // next to it) is used.
  H = std::make_unique<Hiera>(InputsDir + "/env/missing-hiera.yaml", "",
                              modulesIn("/nonexistent"));
  EXPECT_EQ(json("shared"), "\"env\"");
}

TEST(HieraParseMerge, Strategies) {
  EXPECT_EQ(Hiera::parseMerge(Value("first"))->K, MergeStrategy::First);
  EXPECT_EQ(Hiera::parseMerge(Value("unique"))->K, MergeStrategy::Unique);
  EXPECT_EQ(Hiera::parseMerge(Value("hash"))->K, MergeStrategy::Hash);
  EXPECT_TRUE(Hiera::parseMerge(Value("deep"))->Explicit);
  EXPECT_FALSE(Hiera::parseMerge(Value()).value().Explicit);
  EXPECT_FALSE(Hiera::parseMerge(Value("bogus")));
  const std::optional<MergeStrategy> Deep =
      Hiera::parseMerge(makeHash({{"strategy", "deep"},
                                  {"knockout_prefix", "--"},
                                  {"merge_hash_arrays", true},
                                  {"sort_merged_arrays", true}}));
  ASSERT_TRUE(Deep);
  EXPECT_EQ(Deep->K, MergeStrategy::Deep);
  EXPECT_EQ(Deep->KnockoutPrefix, "--");
  EXPECT_TRUE(Deep->MergeHashArrays);
  EXPECT_TRUE(Deep->SortMergedArrays);
  EXPECT_FALSE(Hiera::parseMerge(makeHash({{"merge_hash_arrays", true}})));
  EXPECT_FALSE(Hiera::parseMerge(
      makeHash({{"strategy", "hash"}, {"merge_hash_arrays", true}})));
  EXPECT_FALSE(
      Hiera::parseMerge(makeHash({{"strategy", "deep"}, {"bogus", true}})));
}

} // namespace
