//===- ScratchCA.h - a fresh CA in a scratch directory for Net tests -----===//
#ifndef CPPET_UNITTESTS_NET_SCRATCHCA_H
#define CPPET_UNITTESTS_NET_SCRATCHCA_H

#include "cppet/PKI/CertificateAuthority.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

#include <memory>
#include <string>

namespace cppet::nettest {

/// Makes a unique scratch directory (its path in \p Root) and sets up a CA
/// for \p Certname in Root/ssl with \p Keys (RSA 2048 by default: fast
/// enough for tests). Fails the test on error; the caller removes Root.
inline void makeScratchCA(const char *Prefix,
                          std::unique_ptr<pki::CertificateAuthority> &CA,
                          std::string &Root,
                          const std::string &Certname = "puppet.test",
                          pki::KeySpec Keys = {pki::KeyType::RSA, 2048}) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory(Prefix, Dir));
  Root = std::string(Dir);
  pki::CAOptions Options;
  Options.Ssldir = Root + "/ssl";
  Options.Certname = Certname;
  Options.Keys = std::move(Keys);
  auto Made = pki::CertificateAuthority::setup(Options);
  ASSERT_TRUE(bool(Made)) << llvm::toString(Made.takeError());
  CA = std::make_unique<pki::CertificateAuthority>(std::move(*Made));
}

} // namespace cppet::nettest

#endif
