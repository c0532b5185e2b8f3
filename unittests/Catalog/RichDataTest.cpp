//===- RichDataTest.cpp - decoding rich-data catalogs ---------------------===//
//
// The parameter values of a catalog received as rich JSON, as the agent
// applies them: plain values, sensitive_parameters, and Deferred objects
// left for the resolver.
//
//===----------------------------------------------------------------------===//
#include "cppet/Catalog/Catalog.h"

#include "gtest/gtest.h"

using namespace cppet;
using catalog::Json;

namespace {

catalog::Catalog decoded(const char *Text) {
  auto C = catalog::Catalog::fromJson(Json::parse(Text));
  EXPECT_TRUE(bool(C));
  if (!C) {
    llvm::consumeError(C.takeError());
    return {};
  }
  catalog::decodeRichData(*C);
  return std::move(*C);
}

TEST(RichData, ValuesAreDecoded) {
  catalog::Catalog C = decoded(R"({"name":"n","resources":[
    {"type":"File","title":"/x","parameters":{
      "content":{"__ptype":"Sensitive","__pvalue":"secret"},
      "h":{"__ptype":"Hash","__pvalue":[1,"one",{"__ptype":"Default"},"d"]},
      "t":{"__ptype":"Timestamp","__pvalue":"2020-01-01T00:00:00.000000000 UTC"},
      "b":{"__ptype":"Binary","__pvalue":"aGVsbG8="},
      "r":{"__ptype":"Regexp","__pvalue":"^a.*"},
      "n":[{"__ptype":"SemVer","__pvalue":"1.2.3"}],
      "plain":{"a":1}}}]})");
  ASSERT_EQ(C.Resources.size(), 1u);
  const Json &P = C.Resources[0].Parameters;
  EXPECT_EQ(P["content"], "secret");
  EXPECT_EQ(P["h"], Json({{"1", "one"}, {"default", "d"}}));
  EXPECT_EQ(P["t"], "2020-01-01T00:00:00.000000000 UTC");
  EXPECT_EQ(P["b"], "hello");
  EXPECT_EQ(P["r"], "/^a.*/");
  EXPECT_EQ(P["n"], Json::array({"1.2.3"}));
  EXPECT_EQ(P["plain"], Json({{"a", 1}}));
  EXPECT_EQ(C.Resources[0].SensitiveParameters,
            std::vector<std::string>{"content"});
}

TEST(RichData, DeferredStaysWithDecodedArguments) {
  catalog::Catalog C = decoded(R"({"name":"n","resources":[
    {"type":"Notify","title":"d","parameters":{"message":
      {"__ptype":"Deferred","name":"sprintf","arguments":
        ["%s-%s",{"__ptype":"Sensitive","__pvalue":"pw"},
         {"__ptype":"Deferred","name":"upcase","arguments":["a"]}]}}}]})");
  ASSERT_EQ(C.Resources.size(), 1u);
  const Json &M = C.Resources[0].Parameters["message"];
  EXPECT_EQ(M["__ptype"], "Deferred");
  EXPECT_EQ(M["name"], "sprintf");
  // The function gets its Sensitive argument as such.
  EXPECT_EQ(M["arguments"][1],
            Json({{"__ptype", "Sensitive"}, {"__pvalue", "pw"}}));
  EXPECT_EQ(M["arguments"][2]["__ptype"], "Deferred");
  EXPECT_TRUE(C.Resources[0].SensitiveParameters.empty());
}

} // namespace
