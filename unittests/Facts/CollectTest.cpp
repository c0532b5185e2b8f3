//===- CollectTest.cpp - collectFacts over temporary facts.d folders ------===//
#include "cppet/Facts/Facts.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

using namespace cppet::facts;

namespace {

class FactsDir : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cppet-facts", Dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }
  void write(const char *Name, llvm::StringRef Text, bool Exec = false) {
    llvm::SmallString<128> Path(Dir);
    llvm::sys::path::append(Path, Name);
    std::error_code EC;
    {
      llvm::raw_fd_ostream OS(Path, EC);
      ASSERT_FALSE(EC);
      OS << Text;
    }
    if (Exec)
      ::chmod(Path.c_str(), 0755);
  }
  FactOptions options() {
    FactOptions O;
    O.ExternalDirs = {std::string(Dir)};
    O.UseEnvironment = false;
    O.ExecTimeout = std::chrono::milliseconds(500);
    return O;
  }
  llvm::SmallString<128> Dir;
};

TEST_F(FactsDir, ExecutableTimeoutIsAWarning) {
  write("slow", "#!/bin/sh\nexec sleep 5\n", /*Exec=*/true);
  write("fast.txt", "fast=yes\n");
  std::vector<std::string> Warnings;
  auto F = collectFacts(options(), &Warnings);
  ASSERT_TRUE(static_cast<bool>(F));
  EXPECT_EQ((*F)["fast"], "yes");
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_NE(Warnings[0].find("timed out"), std::string::npos) << Warnings[0];
}

TEST_F(FactsDir, ExecutableRunsWithoutShell) {
  // $0 of a script run through execve is the script's own path.
  write("self", "#!/bin/sh\necho \"self_path=$0\"\n", /*Exec=*/true);
  std::vector<std::string> Warnings;
  auto F = collectFacts(options(), &Warnings);
  ASSERT_TRUE(static_cast<bool>(F));
  EXPECT_TRUE(Warnings.empty());
  llvm::SmallString<128> Expected(Dir);
  llvm::sys::path::append(Expected, "self");
  EXPECT_EQ((*F)["self_path"], std::string(Expected));
}

TEST_F(FactsDir, CoreFactsAlwaysPresent) {
  auto F = collectFacts(options());
  ASSERT_TRUE(static_cast<bool>(F));
  for (const char *Name : {"os", "kernel", "networking", "processors", "memory",
                           "identity", "facterversion"})
    EXPECT_TRUE(F->contains(Name)) << Name;
  EXPECT_EQ((*F)["facterversion"], "4.3.0");
}

} // namespace
