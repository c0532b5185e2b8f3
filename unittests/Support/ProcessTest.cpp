//===- ProcessTest.cpp - runProcess, findProgram, splitCommandLine --------===//
#include "cppet/Support/Process.h"
#include "cppet/Support/FileSystem.h"

#include "gtest/gtest.h"

#include <chrono>
#include <cstdlib>
#include <unistd.h>

using namespace cppet;

namespace {

ProcessResult mustRun(ProcessSpec Spec) {
  auto R = runProcess(Spec);
  EXPECT_TRUE(static_cast<bool>(R)) << llvm::toString(R.takeError());
  return R ? *R : ProcessResult();
}

TEST(Process, CapturesOutputAndExitCode) {
  ProcessSpec S;
  S.Argv = {"/bin/sh", "-c", "echo out; echo err >&2; exit 3"};
  ProcessResult R = mustRun(S);
  EXPECT_EQ(R.ExitCode, 3);
  EXPECT_EQ(R.Output, "out\nerr\n");
}

TEST(Process, SeparatesStderrWhenAsked) {
  ProcessSpec S;
  S.Argv = {"/bin/sh", "-c", "echo out; echo err >&2"};
  S.MergeStderr = false;
  ProcessResult R = mustRun(S);
  EXPECT_EQ(R.Output, "out\n");
  EXPECT_EQ(R.Errors, "err\n");
}

TEST(Process, NoShellInterpretsNothing) {
  ProcessSpec S;
  S.Argv = {"/bin/echo", "a;", "$(id)", "*"};
  EXPECT_EQ(mustRun(S).Output, "a; $(id) *\n");
}

TEST(Process, FeedsStdinAndSetsEnvironmentAndCwd) {
  ProcessSpec S;
  S.Argv = {"/bin/sh", "-c", "cat; echo $FOO; pwd"};
  S.Stdin = std::string(200000, 'x'); // larger than a pipe buffer
  S.Environment = std::vector<std::string>{"FOO=bar", "PATH=/usr/bin:/bin"};
  S.Cwd = "/";
  ProcessResult R = mustRun(S);
  EXPECT_EQ(R.Output, std::string(200000, 'x') + "bar\n/\n");
}

TEST(Process, SearchesPathOfTheGivenEnvironment) {
  ProcessSpec S;
  S.Argv = {"true"};
  S.Environment = std::vector<std::string>{"PATH=/nonexistent:/bin"};
  EXPECT_EQ(mustRun(S).ExitCode, 0);
  S.Environment = std::vector<std::string>{"PATH=/nonexistent"};
  auto R = runProcess(S);
  ASSERT_FALSE(static_cast<bool>(R));
  EXPECT_EQ(llvm::toString(R.takeError()), "could not find command 'true'");
}

TEST(Process, ReportsABadWorkingDirectory) {
  ProcessSpec S;
  S.Argv = {"/bin/true"};
  S.Cwd = "/nonexistent-dir";
  auto R = runProcess(S);
  ASSERT_FALSE(static_cast<bool>(R));
  EXPECT_NE(llvm::toString(R.takeError()).find("could not change directory"),
            std::string::npos);
}

TEST(Process, TimesOutAndKillsTheGroup) {
  ProcessSpec S;
  S.Argv = {"/bin/sh", "-c", "sleep 30 & sleep 30"};
  S.Timeout = std::chrono::milliseconds(200);
  auto Start = std::chrono::steady_clock::now();
  ProcessResult R = mustRun(S);
  EXPECT_TRUE(R.TimedOut);
  EXPECT_LT(std::chrono::steady_clock::now() - Start, std::chrono::seconds(5));
}

TEST(Process, DoesNotWaitForDaemonsHoldingOutput) {
  // An init script's start leaves a daemon with its stdout open.
  ProcessSpec S;
  S.Argv = {"/bin/sh", "-c", "sleep 5 & echo started"};
  auto Start = std::chrono::steady_clock::now();
  ProcessResult R = mustRun(S);
  EXPECT_EQ(R.Output, "started\n");
  EXPECT_LT(std::chrono::steady_clock::now() - Start,
            std::chrono::milliseconds(2500));
}

TEST(SplitCommandLine, QuotesAndEscapes) {
  auto W = splitCommandLine(R"(/bin/echo 'a b' "c \"d\"" e\ f  g)");
  ASSERT_TRUE(static_cast<bool>(W));
  EXPECT_EQ(*W, (std::vector<std::string>{"/bin/echo", "a b", "c \"d\"", "e f",
                                          "g"}));
  auto Bad = splitCommandLine("echo 'unterminated");
  EXPECT_FALSE(static_cast<bool>(Bad));
  llvm::consumeError(Bad.takeError());
}

TEST(FileSystem, WritesAtomicallyWithMode) {
  char Dir[] = "/tmp/cppet-fs-XXXXXX";
  ASSERT_NE(::mkdtemp(Dir), nullptr);
  std::string P = std::string(Dir) + "/f";
  ASSERT_FALSE(static_cast<bool>(writeFileAtomically(P, "one", 0600)));
  ASSERT_FALSE(static_cast<bool>(writeFileAtomically(
      P, 0640, [](llvm::raw_ostream &OS) { OS << "two"; })));
  auto C = readFile(P);
  ASSERT_TRUE(static_cast<bool>(C));
  EXPECT_EQ(*C, "two");
  struct stat St;
  ASSERT_EQ(::stat(P.c_str(), &St), 0);
  EXPECT_EQ(St.st_mode & 07777, 0640u);
  // Nothing but the file is left in the directory.
  ProcessSpec S;
  S.Argv = {"/bin/ls", "-A", Dir};
  EXPECT_EQ(mustRun(S).Output, "f\n");
  ::unlink(P.c_str());
  ::rmdir(Dir);
}

} // namespace
