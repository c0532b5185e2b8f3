//===- PackageApt.cpp - dpkg/apt output parsing and commands --------------===//
#include "PackageApt.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <set>
#include <unistd.h>

using namespace llvm;

namespace cppet::apply::pkg {

std::string DpkgState::ensure() const {
  if (Status == "not-installed")
    return "purged";
  if (Status == "config-files" || Status == "half-installed" ||
      Status == "unpacked" || Status == "half-configured")
    return "absent";
  // installed, triggers-awaited, triggers-pending: the package is there.
  return Version.empty() ? "absent" : Version;
}

std::optional<DpkgState> parseDpkgQueryLine(StringRef Line) {
  // "install ok installed bash 5.2.15-2+b8"; the version is empty for
  // packages that are not installed ("unknown ok not-installed foo ").
  Line = Line.rtrim("\r\n");
  SmallVector<StringRef, 6> Fields;
  Line.split(Fields, ' ', /*MaxSplit=*/4, /*KeepEmpty=*/true);
  if (Fields.size() < 4)
    return std::nullopt;
  for (size_t I = 0; I < 4; ++I)
    if (Fields[I].empty())
      return std::nullopt;
  StringRef Version = Fields.size() == 5 ? Fields[4] : StringRef();
  if (Version.contains(' '))
    return std::nullopt;
  DpkgState S;
  S.Desired = Fields[0].str();
  S.Error = Fields[1].str();
  S.Status = Fields[2].str();
  S.Name = Fields[3].str();
  S.Version = Version.str();
  return S;
}

std::vector<DpkgState> parseDpkgQuery(StringRef Output) {
  std::vector<DpkgState> Out;
  SmallVector<StringRef, 64> Lines;
  Output.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef L : Lines)
    if (auto S = parseDpkgQueryLine(L))
      Out.push_back(std::move(*S));
  return Out;
}

std::map<std::string, std::string> parseAptCachePolicy(StringRef Output) {
  std::map<std::string, std::string> Out;
  std::string Current;
  SmallVector<StringRef, 64> Lines;
  Output.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef L : Lines) {
    L = L.rtrim("\r");
    if (!L.empty() && !isSpace(L[0])) {
      // "bash:" starts a package's block ("libc6:i386:" for another arch).
      Current = L.endswith(":") ? L.drop_back().str() : std::string();
      continue;
    }
    StringRef T = L.trim();
    if (Current.empty() || !T.consume_front("Candidate:"))
      continue;
    T = T.trim();
    Out[Current] = T == "(none)" ? std::string() : T.str();
  }
  return Out;
}

std::vector<std::string> parseAptCacheMadison(StringRef Output) {
  // "      bash | 5.2.15-2+b13 | http://deb.debian.org/debian bookworm/main"
  std::vector<std::string> Out;
  SmallVector<StringRef, 16> Lines;
  Output.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef L : Lines) {
    SmallVector<StringRef, 3> Cols;
    L.split(Cols, '|');
    if (Cols.size() < 3)
      continue;
    StringRef V = Cols[1].trim();
    if (!V.empty())
      Out.push_back(V.str());
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// Debian versions
//===----------------------------------------------------------------------===//

namespace {
bool isVersionChar(char C, bool AllowHyphen) {
  return isAlnum(C) || C == '.' || C == '+' || C == '~' ||
         (AllowHyphen && C == '-');
}

// dpkg's order of a character in the non-digit parts: '~' sorts before
// everything (even the end), letters before other characters.
int charOrder(char C) {
  if (isDigit(C))
    return 0;
  if (isAlpha(C))
    return static_cast<unsigned char>(C);
  if (C == '~')
    return -1;
  if (C)
    return static_cast<unsigned char>(C) + 256;
  return 0;
}

// dpkg's verrevcmp.
int verrevcmp(StringRef A, StringRef B) {
  size_t I = 0, J = 0;
  auto At = [](StringRef S, size_t K) { return K < S.size() ? S[K] : '\0'; };
  while (I < A.size() || J < B.size()) {
    int FirstDiff = 0;
    while ((I < A.size() && !isDigit(A[I])) ||
           (J < B.size() && !isDigit(B[J]))) {
      int AC = charOrder(At(A, I));
      int BC = charOrder(At(B, J));
      if (AC != BC)
        return AC - BC;
      ++I;
      ++J;
    }
    while (At(A, I) == '0')
      ++I;
    while (At(B, J) == '0')
      ++J;
    while (isDigit(At(A, I)) && isDigit(At(B, J))) {
      if (!FirstDiff)
        FirstDiff = At(A, I) - At(B, J);
      ++I;
      ++J;
    }
    if (isDigit(At(A, I)))
      return 1;
    if (isDigit(At(B, J)))
      return -1;
    if (FirstDiff)
      return FirstDiff;
  }
  return 0;
}

struct LooseVersion {
  unsigned long Epoch = 0;
  StringRef Upstream, Revision;
};

LooseVersion splitVersion(StringRef V) {
  LooseVersion L;
  V = V.trim();
  size_t Colon = V.find(':');
  if (Colon != StringRef::npos &&
      !V.take_front(Colon).getAsInteger(10, L.Epoch))
    V = V.drop_front(Colon + 1);
  size_t Hyphen = V.rfind('-');
  if (Hyphen != StringRef::npos) {
    L.Upstream = V.take_front(Hyphen);
    L.Revision = V.drop_front(Hyphen + 1);
  } else {
    L.Upstream = V;
  }
  return L;
}
} // namespace

std::optional<DebianVersion> DebianVersion::parse(StringRef V) {
  // Puppet: \A(?:([0-9]+):)?([\.\+~0-9a-zA-Z-]+?)(?:-([\.\+~0-9a-zA-Z]*))?\Z
  DebianVersion Out;
  size_t Colon = V.find(':');
  if (Colon != StringRef::npos) {
    StringRef E = V.take_front(Colon);
    if (E.empty() || !all_of(E, isDigit) || E.getAsInteger(10, Out.Epoch))
      return std::nullopt;
    V = V.drop_front(Colon + 1);
  }
  // The lazy upstream match leaves the last hyphen to the revision when
  // what follows it is a valid revision.
  size_t Hyphen = V.rfind('-');
  StringRef Upstream = V;
  if (Hyphen != StringRef::npos && Hyphen > 0 &&
      all_of(V.drop_front(Hyphen + 1),
             [](char C) { return isVersionChar(C, false); })) {
    Upstream = V.take_front(Hyphen);
    Out.Revision = V.drop_front(Hyphen + 1).str();
  }
  if (Upstream.empty() ||
      !all_of(Upstream, [](char C) { return isVersionChar(C, true); }))
    return std::nullopt;
  Out.Upstream = Upstream.str();
  return Out;
}

int compareDebianVersions(StringRef A, StringRef B) {
  LooseVersion X = splitVersion(A), Y = splitVersion(B);
  if (X.Epoch != Y.Epoch)
    return X.Epoch < Y.Epoch ? -1 : 1;
  if (int C = verrevcmp(X.Upstream, Y.Upstream))
    return C < 0 ? -1 : 1;
  int C = verrevcmp(X.Revision, Y.Revision);
  return C < 0 ? -1 : C > 0 ? 1 : 0;
}

Expected<VersionRange> VersionRange::parse(StringRef Text) {
  SmallVector<StringRef, 4> Parts;
  Text.split(Parts, ' ', -1, /*KeepEmpty=*/false);
  auto Fail = [](const Twine &Msg) {
    return createStringError(inconvertibleErrorCode(), Msg);
  };
  if (Parts.empty())
    return Fail("Unable to parse '" + Text + "' as a version range");
  VersionRange R;
  // Puppet uses the first two simple ranges (min and max).
  for (StringRef P : ArrayRef<StringRef>(Parts).take_front(2)) {
    StringRef V = P.ltrim("<>=");
    StringRef Op = P.take_front(P.size() - V.size());
    if (V.empty())
      return Fail("Unable to parse '" + P + "' as a version range identifier");
    if (!Op.empty() && Op != ">" && Op != ">=" && Op != "<" && Op != "<=")
      return Fail("Operator '" + Op + "' is not implemented");
    std::optional<DebianVersion> Parsed = DebianVersion::parse(V);
    if (!Parsed)
      return Fail("Unable to parse '" + V + "' as a debian version identifier");
    R.Bounds.push_back({Op.str(), V.str(), std::move(*Parsed)});
  }
  return R;
}

bool VersionRange::includes(StringRef Version) const {
  std::optional<DebianVersion> V = DebianVersion::parse(Version);
  if (!V)
    return false;
  for (const Bound &B : Bounds) {
    if (B.Op.empty()) {
      if (!(*V == B.Parsed))
        return false;
      continue;
    }
    int C = compareDebianVersions(Version, B.Version);
    bool Ok = (B.Op == ">" && C > 0) || (B.Op == ">=" && C >= 0) ||
              (B.Op == "<" && C < 0) || (B.Op == "<=" && C <= 0);
    if (!Ok)
      return false;
  }
  return true;
}

std::optional<std::string>
bestVersion(const VersionRange &Range,
            const std::vector<std::string> &Versions) {
  std::optional<std::string> Best;
  for (const std::string &V : Versions)
    if (Range.includes(V) && (!Best || compareDebianVersions(V, *Best) > 0))
      Best = V;
  return Best;
}

Expected<std::vector<std::string>> packageOptions(const catalog::Json &V) {
  std::vector<std::string> Out;
  auto Add = [&](const catalog::Json &E) -> Error {
    if (E.is_string()) {
      Out.push_back(E.get<std::string>());
      return Error::success();
    }
    if (E.is_object()) {
      for (auto It = E.begin(); It != E.end(); ++It) {
        const catalog::Json &Val = It.value();
        std::string Text =
            Val.is_string() ? Val.get<std::string>() : Val.dump();
        Out.push_back(It.key() + "=" + Text);
      }
      return Error::success();
    }
    return createStringError(inconvertibleErrorCode(),
                             "Expected either a string or hash of options");
  };
  if (V.is_null())
    return Out;
  if (V.is_array()) {
    for (const catalog::Json &E : V)
      if (Error Err = Add(E))
        return Err;
  } else if (Error Err = Add(V)) {
    return Err;
  }
  return Out;
}

std::vector<std::string> aptInstallArgv(const InstallRequest &Req) {
  std::vector<std::string> Argv = {"/usr/bin/apt-get", "-q", "-y", "-o"};
  Argv.emplace_back(Req.ReplaceConfigFiles ? "DPkg::Options::=--force-confnew"
                                           : "DPkg::Options::=--force-confold");
  // Puppet passes --force-yes with a version; what it is needed for here is
  // going back to an older version, which current apt spells this way.
  if (!Req.Version.empty())
    Argv.emplace_back("--allow-downgrades");
  Argv.insert(Argv.end(), Req.Options.begin(), Req.Options.end());
  Argv.emplace_back("install");
  if (!Req.Source.empty())
    Argv.push_back(Req.Source);
  else if (!Req.Version.empty())
    Argv.push_back(Req.Name + "=" + Req.Version);
  else
    Argv.push_back(Req.Name);
  return Argv;
}

std::vector<std::string> aptRemoveArgv(StringRef Name, bool Purge, bool Held) {
  std::vector<std::string> Argv = {"/usr/bin/apt-get", "-y", "-q"};
  if (Held)
    Argv.emplace_back("--allow-change-held-packages");
  Argv.emplace_back("remove");
  if (Purge)
    Argv.emplace_back("--purge");
  Argv.emplace_back(Name);
  return Argv;
}

std::vector<std::string> dpkgInstallArgv(const InstallRequest &Req) {
  return {"/usr/bin/dpkg",
          Req.ReplaceConfigFiles ? "--force-confnew" : "--force-confold", "-i",
          Req.Source};
}

std::vector<std::string> dpkgQueryArgv(const std::vector<std::string> &Names) {
  std::vector<std::string> Argv = {"/usr/bin/dpkg-query", "-W", "--showformat",
                                   DpkgQueryFormat};
  Argv.insert(Argv.end(), Names.begin(), Names.end());
  return Argv;
}

std::vector<std::string> aptEnvironment() {
  static const std::pair<const char *, const char *> Overrides[] = {
      {"DEBIAN_FRONTEND", "noninteractive"},
      {"APT_LISTBUGS_FRONTEND", "none"},
      {"APT_LISTCHANGES_FRONTEND", "none"},
      {"LANG", "C"},
      {"LC_ALL", "C"},
      {"LANGUAGE", "C"}};
  std::set<std::string> Replaced;
  for (const auto &[Key, Value] : Overrides)
    Replaced.insert(Key);
  std::vector<std::string> Env;
  for (char **E = environ; E && *E; ++E) {
    StringRef Entry(*E);
    if (!Replaced.count(Entry.split('=').first.str()))
      Env.push_back(Entry.str());
  }
  for (const auto &[Key, Value] : Overrides)
    Env.push_back(std::string(Key) + "=" + Value);
  return Env;
}

} // namespace cppet::apply::pkg
