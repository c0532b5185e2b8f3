//===- ModulePathTest.cpp - modulepath entries and search paths -----------===//
#include "cppet/Compile/Compiler.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

using namespace cppet;

namespace {

TEST(SearchPath, SplitsTrimsAndDropsEmptyEntries) {
  EXPECT_EQ(splitSearchPath(" /a : /b::/c d:"),
            (std::vector<std::string>{"/a", "/b", "/c d"}));
  EXPECT_TRUE(splitSearchPath("").empty());
  EXPECT_TRUE(splitSearchPath(" : ").empty());
}

class ModuleDirTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cppet-modpath", Dir));
    Root = std::string(Dir);
    ASSERT_FALSE(llvm::sys::fs::create_directories(Root + "/real/mods"));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }
  void write(const std::string &Name, const std::string &Text) {
    ASSERT_FALSE(bool(writeFileAtomically(Root + "/" + Name, Text, 0644)));
  }
  std::string Root;
};

TEST_F(ModuleDirTest, FileNamingADirectoryStandsForIt) {
  write("abs", Root + "/real/mods\n");
  write("rel", "real/mods");
  EXPECT_EQ(resolveModuleDir(Root + "/abs"), Root + "/real/mods");
  EXPECT_EQ(resolveModuleDir(Root + "/rel"), Root + "/real/mods");
}

TEST_F(ModuleDirTest, AnythingElseIsTheEntryItself) {
  write("missing", "real/nothing");
  write("two-lines", "real/mods\nreal/mods");
  write("empty", "");
  EXPECT_EQ(resolveModuleDir(Root + "/real"), Root + "/real");
  EXPECT_EQ(resolveModuleDir(Root + "/none"), Root + "/none");
  EXPECT_EQ(resolveModuleDir(Root + "/missing"), Root + "/missing");
  EXPECT_EQ(resolveModuleDir(Root + "/two-lines"), Root + "/two-lines");
  EXPECT_EQ(resolveModuleDir(Root + "/empty"), Root + "/empty");
  write("big", std::string(5000, 'x'));
  EXPECT_EQ(resolveModuleDir(Root + "/big"), Root + "/big");
}

} // namespace
