//===- SemVer.cpp - Semantic versions and version ranges ------------------===//
#include "SemVer.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace cppet;
using namespace cppet::semver;

namespace {

bool parseNumber(llvm::StringRef S, int64_t &Out) {
  if (S.empty() || (S.size() > 1 && S[0] == '0'))
    return false;
  return !S.getAsInteger(10, Out) && Out >= 0;
}

bool validIdentifiers(llvm::StringRef S) {
  if (S.empty())
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  S.split(Parts, '.');
  for (llvm::StringRef P : Parts)
    if (P.empty() ||
        !llvm::all_of(P, [](char C) { return llvm::isAlnum(C) || C == '-'; }))
      return false;
  return true;
}

bool isNumeric(llvm::StringRef S) { return llvm::all_of(S, llvm::isDigit); }

/// A version with 0 to 3 numbers given ("1", "1.2", "1.x", "*"): the
/// missing ones are wildcards.
struct Partial {
  Version V;
  int Given = 0;
};

std::optional<Partial> parsePartial(llvm::StringRef Text) {
  Partial P;
  llvm::StringRef Core = Text;
  llvm::StringRef Pre, Build;
  std::tie(Core, Build) = Core.split('+');
  std::tie(Core, Pre) = Core.split('-');
  llvm::SmallVector<llvm::StringRef, 3> Nums;
  Core.split(Nums, '.');
  if (Nums.size() > 3)
    return std::nullopt;
  int64_t *Fields[] = {&P.V.Major, &P.V.Minor, &P.V.Patch};
  for (size_t I = 0; I < Nums.size(); ++I) {
    llvm::StringRef N = Nums[I];
    if (N == "x" || N == "X" || N == "*")
      break;
    if (!parseNumber(N, *Fields[I]))
      return std::nullopt;
    P.Given = static_cast<int>(I) + 1;
  }
  if (!Pre.empty() || !Build.empty()) {
    if (P.Given != 3 || (!Pre.empty() && !validIdentifiers(Pre)))
      return std::nullopt;
    llvm::SmallVector<llvm::StringRef, 4> Ids;
    if (!Pre.empty())
      Pre.split(Ids, '.');
    for (llvm::StringRef Id : Ids)
      P.V.Prerelease.push_back(Id.str());
    P.V.Build = Build.str();
  }
  return P;
}

/// The least version above every version the partial one stands for.
Version upperExclusive(const Partial &P) {
  Version U;
  if (P.Given <= 1) {
    U.Major = P.V.Major + 1;
  } else if (P.Given == 2) {
    U.Major = P.V.Major;
    U.Minor = P.V.Minor + 1;
  } else {
    U = P.V;
    U.Prerelease.clear();
    U.Build.clear();
    U.Patch += 1;
  }
  return U;
}

Version plain(const Version &V) {
  Version Out = V;
  Out.Prerelease.clear();
  Out.Build.clear();
  return Out;
}

} // namespace

std::string Version::toString() const {
  std::string S = std::to_string(Major) + "." + std::to_string(Minor) + "." +
                  std::to_string(Patch);
  if (!Prerelease.empty())
    S += "-" + llvm::join(Prerelease, ".");
  if (!Build.empty())
    S += "+" + Build;
  return S;
}

std::optional<Version> semver::parseVersion(llvm::StringRef Text) {
  std::optional<Partial> P = parsePartial(Text.trim());
  if (!P || P->Given != 3)
    return std::nullopt;
  return P->V;
}

int semver::compare(const Version &A, const Version &B) {
  auto Cmp = [](int64_t X, int64_t Y) { return X < Y ? -1 : X > Y ? 1 : 0; };
  if (int C = Cmp(A.Major, B.Major))
    return C;
  if (int C = Cmp(A.Minor, B.Minor))
    return C;
  if (int C = Cmp(A.Patch, B.Patch))
    return C;
  // A prerelease is below its release.
  if (A.Prerelease.empty() || B.Prerelease.empty())
    return Cmp(A.Prerelease.empty(), B.Prerelease.empty());
  for (size_t I = 0; I < A.Prerelease.size() && I < B.Prerelease.size(); ++I) {
    const std::string &X = A.Prerelease[I], &Y = B.Prerelease[I];
    const bool NX = isNumeric(X), NY = isNumeric(Y);
    if (NX && NY) {
      if (X.size() != Y.size())
        return Cmp(static_cast<int64_t>(X.size()),
                   static_cast<int64_t>(Y.size()));
      if (int C = X.compare(Y))
        return C < 0 ? -1 : 1;
    } else if (NX != NY) {
      return NX ? -1 : 1; // numeric identifiers sort first
    } else if (int C = X.compare(Y)) {
      return C < 0 ? -1 : 1;
    }
  }
  return Cmp(static_cast<int64_t>(A.Prerelease.size()),
             static_cast<int64_t>(B.Prerelease.size()));
}

std::optional<Range> Range::parse(llvm::StringRef Text) {
  Range R;
  llvm::SmallVector<llvm::StringRef, 2> Alternatives;
  Text.split(Alternatives, "||");
  for (llvm::StringRef Alt : Alternatives) {
    Alt = Alt.trim();
    Interval I;
    auto Lower = [&I](Version V, bool Inclusive) {
      if (!I.Min || compare(V, I.Min->V) > 0)
        I.Min = Bound{std::move(V), Inclusive};
    };
    auto Upper = [&I](Version V, bool Inclusive) {
      if (!I.Max || compare(V, I.Max->V) < 0)
        I.Max = Bound{std::move(V), Inclusive};
    };
    // `A - B`: from A to B, both included.
    size_t Dash = Alt.find(" - ");
    if (Dash != llvm::StringRef::npos) {
      std::optional<Partial> A = parsePartial(Alt.take_front(Dash).trim());
      std::optional<Partial> B = parsePartial(Alt.drop_front(Dash + 3).trim());
      if (!A || !B)
        return std::nullopt;
      Lower(A->V, true);
      if (B->Given == 3)
        Upper(B->V, true);
      else if (B->Given > 0)
        Upper(upperExclusive(*B), false);
      R.Alternatives.push_back(std::move(I));
      continue;
    }
    llvm::StringRef Rest = Alt;
    if (Rest.empty())
      return std::nullopt;
    while (!Rest.empty()) {
      size_t OpLen = 0;
      while (OpLen < Rest.size() &&
             llvm::StringRef("<>=~^").contains(Rest[OpLen]))
        ++OpLen;
      llvm::StringRef Op = Rest.take_front(OpLen);
      Rest = Rest.drop_front(OpLen).ltrim();
      size_t VLen = Rest.find_first_of(" \t");
      llvm::StringRef VText = Rest.take_front(VLen);
      Rest = Rest.drop_front(VText.size()).ltrim();
      std::optional<Partial> P = parsePartial(VText);
      if (!P)
        return std::nullopt;
      const Version &V = P->V;
      if (Op.empty() || Op == "=") {
        if (P->Given == 3) {
          Lower(V, true);
          Upper(V, true);
        } else if (P->Given > 0) {
          Lower(V, true);
          Upper(upperExclusive(*P), false);
        }
      } else if (Op == ">=") {
        Lower(V, true);
      } else if (Op == ">") {
        if (P->Given == 3)
          Lower(V, false);
        else
          Lower(upperExclusive(*P), true);
      } else if (Op == "<") {
        Upper(V, false);
      } else if (Op == "<=") {
        if (P->Given == 3)
          Upper(V, true);
        else
          Upper(upperExclusive(*P), false);
      } else if (Op == "~" || Op == "~>") {
        Lower(V, true);
        Partial Head = *P;
        Head.Given = P->Given == 1 ? 1 : 2;
        Upper(upperExclusive(Head), false);
      } else if (Op == "^") {
        Lower(V, true);
        Partial Head = *P;
        Head.Given = V.Major > 0 || P->Given == 1   ? 1
                     : V.Minor > 0 || P->Given == 2 ? 2
                                                    : 3;
        Upper(upperExclusive(Head), false);
      } else {
        return std::nullopt;
      }
    }
    R.Alternatives.push_back(std::move(I));
  }
  return R;
}

bool Range::includes(const Version &V) const {
  const Version P = plain(V);
  for (const Interval &I : Alternatives) {
    if (I.Min) {
      const int C = compare(V, I.Min->V);
      if (C < 0 || (C == 0 && !I.Min->Inclusive))
        continue;
    }
    if (I.Max) {
      // A prerelease of an excluded upper bound is excluded too.
      const int C = compare(I.Max->Inclusive ? V : P, I.Max->V);
      if (C > 0 || (C == 0 && !I.Max->Inclusive))
        continue;
    }
    return true;
  }
  return false;
}
