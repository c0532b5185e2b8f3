//===- ValueStorageTest.cpp - Value's shared payload union ----------------===//
//
// A Value keeps every payload kind in one union: copies, moves and
// assignments between kinds must construct and release the right member.
//
//===----------------------------------------------------------------------===//

#include "cppet/Compile/Types.h"
#include "cppet/Compile/Value.h"

#include "gtest/gtest.h"

#include <vector>

using namespace cppet;

namespace {

std::vector<Value> oneOfEachKind() {
  return {Value(),
          Value::makeDefault(),
          Value(true),
          Value(7),
          Value(2.5),
          Value(std::string(40, 'x')), // longer than the inline buffer
          Value(*Regexp::compile("a+")),
          makeArray({1, "two"}),
          makeHash({{"k", "v"}}),
          Value(types::makeResource("File", std::string("/tmp/x"))),
          Value::makeSensitive("secret"),
          Value::makeTimestamp(123)};
}

TEST(ValueStorageTest, SmallerThanTheSeparateFields) {
  // A scalar, a string and three shared_ptrs used to sit side by side.
  EXPECT_LE(sizeof(Value), 40u);
}

TEST(ValueStorageTest, CopyAndMoveEveryKind) {
  for (const Value &V : oneOfEachKind()) {
    Value Copy(V);
    EXPECT_TRUE(Copy.strictEquals(V) || V.isSensitive()) << V.toString();
    EXPECT_EQ(Copy.kind(), V.kind());
    Value Moved(std::move(Copy));
    EXPECT_EQ(Moved.kind(), V.kind());
    EXPECT_EQ(Moved.toString(), V.toString());
  }
}

TEST(ValueStorageTest, AssignAcrossKinds) {
  const std::vector<Value> All = oneOfEachKind();
  for (const Value &From : All)
    for (const Value &To : All) {
      Value X = To;
      X = From;
      EXPECT_EQ(X.kind(), From.kind());
      EXPECT_EQ(X.toString(), From.toString());
      Value Y = To;
      Value Source = From;
      Y = std::move(Source);
      EXPECT_EQ(Y.kind(), From.kind());
      EXPECT_EQ(Y.toString(), From.toString());
    }
}

TEST(ValueStorageTest, AssignFromInsideOwnPayload) {
  // The source lives in the array the assignment releases.
  Value V = makeArray({makeHash({{"a", std::string(30, 'y')}}), 2});
  V = V.asArray()[0];
  ASSERT_TRUE(V.isHash());
  EXPECT_EQ(V.asHash().find("a")->asString(), std::string(30, 'y'));
  V = *V.asHash().find("a");
  EXPECT_EQ(V.asString(), std::string(30, 'y'));
  Value S = Value::makeSensitive(makeArray({1}));
  S = S.sensitiveValue();
  EXPECT_TRUE(S.isArray());
}

TEST(ValueStorageTest, OtherKindsReadAsEmpty) {
  const Value Str("abc");
  EXPECT_EQ(Str.asInteger(), 0);
  EXPECT_FALSE(Str.asBoolean());
  EXPECT_EQ(Str.asFloat(), 0.0);
  EXPECT_FALSE(Str.arrayPtr());
  EXPECT_FALSE(Str.hashPtr());
  EXPECT_EQ(Value(5).asString(), "");
  EXPECT_EQ(makeArray({1}).asString(), "");
  EXPECT_EQ(Value(5).asType().data().Kind, TypeKind::Any);
  EXPECT_TRUE(Value(5).sensitiveValue().isUndef());
}

TEST(ValueStorageTest, SensitiveCopiesShareIdentity) {
  const Value A = Value::makeSensitive("s");
  const Value B = A;
  EXPECT_TRUE(A.strictEquals(B));
  EXPECT_FALSE(A.strictEquals(Value::makeSensitive("s")));
  EXPECT_EQ(A.hash(), B.hash());
}

} // namespace
