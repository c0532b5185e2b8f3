//===- FileTest.cpp - file modes, checksums, the filebucket ---------------===//
#include "../../lib/Apply/FileUtil.h"
#include "cppet/Apply/Filebucket.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <unistd.h>

using namespace cppet;
using namespace cppet::apply;

namespace {

unsigned mode(llvm::StringRef Spec, unsigned Current = 0644,
              bool IsDir = false) {
  auto M = parseFileMode(Spec, Current, IsDir);
  EXPECT_TRUE(static_cast<bool>(M)) << llvm::toString(M.takeError());
  return M ? *M : 0;
}

TEST(FileMode, Octal) {
  EXPECT_EQ(mode("644"), 0644u);
  EXPECT_EQ(mode("0600"), 0600u);
  EXPECT_EQ(mode("4755"), 04755u);
}

TEST(FileMode, Symbolic) {
  EXPECT_EQ(mode("u=rw,go=r", 0777), 0644u);
  EXPECT_EQ(mode("a+x", 0644), 0755u);
  EXPECT_EQ(mode("g-w,o-rwx", 0775), 0750u);
  EXPECT_EQ(mode("u+X", 0644), 0644u); // X only for dirs or executables
  EXPECT_EQ(mode("u+X", 0744), 0744u);
  EXPECT_EQ(mode("+t", 0777, true), 01777u);
}

TEST(FileMode, DirectoriesGetSearchWhereReadIsSet) {
  EXPECT_EQ(mode("0644", 0, true), 0755u);
  EXPECT_EQ(mode("u=rw,g=r,o=", 0, true), 0750u);
}

TEST(FileMode, Invalid) {
  for (const char *Bad : {"0999", "u=rwq", "z+r", "abc", "77777"}) {
    auto M = parseFileMode(Bad, 0644, false);
    EXPECT_FALSE(static_cast<bool>(M)) << Bad;
    llvm::consumeError(M.takeError());
  }
}

TEST(Checksum, Algorithms) {
  EXPECT_EQ(checksum("hello\n"), "{sha256}5891b5b522d5df086d0ff0b110fbd9d2"
                                 "1bb4fc7163af34d08286a2e846f6be03");
  EXPECT_EQ(checksum("hello\n", "md5"),
            "{md5}b1946ac92492d2347c6235b4d2611184");
}

TEST(Filebucket, BacksUpOnceAndRestores) {
  char Dir[] = "/tmp/cppet-bucket-XXXXXX";
  ASSERT_NE(::mkdtemp(Dir), nullptr);
  Filebucket B(std::string(Dir) + "/bucket");
  auto Sum = B.backup("old content\n", "/etc/a");
  ASSERT_TRUE(static_cast<bool>(Sum));
  auto Again = B.backup("old content\n", "/etc/b");
  ASSERT_TRUE(static_cast<bool>(Again));
  EXPECT_EQ(*Sum, *Again);
  EXPECT_EQ(B.paths(*Sum), (std::vector<std::string>{"/etc/a", "/etc/b"}));
  std::string Target = std::string(Dir) + "/restored";
  ASSERT_FALSE(static_cast<bool>(B.restore(*Sum, Target)));
  auto C = readFile(Target);
  ASSERT_TRUE(static_cast<bool>(C));
  EXPECT_EQ(*C, "old content\n");
  auto Missing = B.get("0000");
  EXPECT_FALSE(static_cast<bool>(Missing));
  llvm::consumeError(Missing.takeError());
  std::system((std::string("rm -rf ") + Dir).c_str());
}

} // namespace
