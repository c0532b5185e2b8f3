//===- FnDigests.cpp - md5, sha1, sha256, fqdn_rand ----------------------===//
//
// fqdn_rand reproduces Ruby exactly: the seed is the MD5 of
// "fqdn:max:seed" read as a big integer, fed to Ruby's Random.new (MT19937
// seeded by init_by_array with the integer's 32-bit words, least
// significant first), and rand(max) draws with Ruby's masked retry loop.
//
//===----------------------------------------------------------------------===//

#include "FnSupport.h"

#include "llvm/ADT/StringExtras.h"

#include <openssl/evp.h>

#include <array>

using namespace cppet;
using namespace cppet::fn;

/// MT19937 as in Ruby's random.c.
class fn::RubyRandom::MersenneTwister {
public:
  explicit MersenneTwister(llvm::ArrayRef<uint32_t> Key) { initByArray(Key); }

  uint32_t next() {
    if (Index >= N)
      generate();
    uint32_t Y = State[Index++];
    Y ^= Y >> 11;
    Y ^= (Y << 7) & 0x9d2c5680U;
    Y ^= (Y << 15) & 0xefc60000U;
    Y ^= Y >> 18;
    return Y;
  }

private:
  static constexpr int N = 624, M = 397;
  std::array<uint32_t, N> State{};
  int Index = N;

  void initGenrand(uint32_t S) {
    State[0] = S;
    for (int I = 1; I < N; ++I)
      State[I] = 1812433253U * (State[I - 1] ^ (State[I - 1] >> 30)) + I;
    Index = N;
  }

  void initByArray(llvm::ArrayRef<uint32_t> Key) {
    initGenrand(19650218U);
    int I = 1, J = 0;
    const int Len = static_cast<int>(Key.size());
    for (int K = N > Len ? N : Len; K; --K) {
      State[I] =
          (State[I] ^ ((State[I - 1] ^ (State[I - 1] >> 30)) * 1664525U)) +
          Key[J] + J;
      ++I;
      ++J;
      if (I >= N) {
        State[0] = State[N - 1];
        I = 1;
      }
      if (J >= Len)
        J = 0;
    }
    for (int K = N - 1; K; --K) {
      State[I] =
          (State[I] ^ ((State[I - 1] ^ (State[I - 1] >> 30)) * 1566083941U)) -
          I;
      ++I;
      if (I >= N) {
        State[0] = State[N - 1];
        I = 1;
      }
    }
    State[0] = 0x80000000U;
    Index = N;
  }

  void generate() {
    auto Mix = [](uint32_t U, uint32_t V) {
      return ((U & 0x80000000U) | (V & 0x7fffffffU)) >> 1 ^
             ((V & 1U) ? 0x9908b0dfU : 0U);
    };
    int K = 0;
    for (; K < N - M; ++K)
      State[K] = State[K + M] ^ Mix(State[K], State[K + 1]);
    for (; K < N - 1; ++K)
      State[K] = State[K + M - N] ^ Mix(State[K], State[K + 1]);
    State[N - 1] = State[M - 1] ^ Mix(State[N - 1], State[0]);
    Index = 0;
  }
};

namespace {

struct EvpCtxDeleter {
  void operator()(EVP_MD_CTX *C) const { EVP_MD_CTX_free(C); }
};

std::string hexDigest(const EVP_MD *Md, llvm::StringRef Data) {
  std::unique_ptr<EVP_MD_CTX, EvpCtxDeleter> C(EVP_MD_CTX_new());
  unsigned char Buf[EVP_MAX_MD_SIZE];
  unsigned Len = 0;
  if (!C || !EVP_DigestInit_ex(C.get(), Md, nullptr) ||
      !EVP_DigestUpdate(C.get(), Data.data(), Data.size()) ||
      !EVP_DigestFinal_ex(C.get(), Buf, &Len))
    return "";
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Buf, Len), /*LowerCase=*/true);
}

BuiltinFunction digestFunction(const EVP_MD *(*Md)()) {
  return [Md](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    checkArgCount(Ctx, Args, 1, 1);
    return Value(hexDigest(Md(), Args[0].toRubyString()));
  };
}

uint64_t makeMask(uint64_t X) {
  for (int S = 1; S < 64; S <<= 1)
    X |= X >> S;
  return X;
}

/// Ruby's limited_rand: a uniform integer in [0, Limit].
uint64_t limitedRand(RubyRandom::MersenneTwister &MT, uint64_t Limit) {
  if (Limit == 0)
    return 0;
  const uint64_t Mask = makeMask(Limit);
  for (;;) {
    uint64_t Val = 0;
    bool Retry = false;
    for (int I = 1; I >= 0 && !Retry; --I) {
      if (!((Mask >> (I * 32)) & 0xffffffffU))
        continue;
      Val |= static_cast<uint64_t>(MT.next()) << (I * 32);
      Val &= Mask;
      Retry = Limit < Val;
    }
    if (!Retry)
      return Val;
  }
}

/// The 32-bit words of a hex big integer, least significant first, as
/// Ruby's rand_init packs a seed (leading zero words dropped).
std::vector<uint32_t> seedWords(llvm::StringRef Hex) {
  std::vector<uint32_t> Words;
  for (size_t End = Hex.size(); End > 0;) {
    const size_t Begin = End >= 8 ? End - 8 : 0;
    uint32_t W = 0;
    Hex.slice(Begin, End).getAsInteger(16, W);
    Words.push_back(W);
    End = Begin;
  }
  while (Words.size() > 1 && Words.back() == 0)
    Words.pop_back();
  if (Words.empty())
    Words.push_back(0);
  // Ruby drops a top word of exactly 1 left as a leading-zero guard.
  if (Words.size() > 1 && Words.back() == 1)
    Words.pop_back();
  return Words;
}

Value fqdnRandFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 3);
  const int64_t Max = rubyToI(Args[0]);
  Value Fqdn = Ctx.fact("fqdn");
  if (Fqdn.isUndef()) {
    const Value Net = Ctx.fact("networking");
    if (Net.isHash())
      if (const Value *F = Net.asHash().find(llvm::StringRef("fqdn")))
        Fqdn = *F;
  }
  std::string Name = Fqdn.toRubyString();
  if (Args.size() > 2 && Args[2].isTruthy())
    Name = llvm::StringRef(Name).lower();
  const std::string Seed = Args.size() > 1 ? Args[1].toRubyString() : "";
  const std::string Input = Name + ":" + std::to_string(Max) + ":" + Seed;
  return Value(rubySeededRand(hexDigest(EVP_md5(), Input), Max));
}

} // namespace

/// Ruby's String#to_i: leading integer prefix, 0 if none.
int64_t fn::rubyToI(const Value &V) {
  if (V.isInteger())
    return V.asInteger();
  if (V.isFloat())
    return static_cast<int64_t>(V.asFloat());
  const std::string Str = V.toRubyString();
  llvm::StringRef S = llvm::StringRef(Str).ltrim();
  size_t Len = (!S.empty() && (S[0] == '-' || S[0] == '+')) ? 1 : 0;
  while (Len < S.size() && llvm::isDigit(S[Len]))
    ++Len;
  int64_t I = 0;
  S.take_front(Len).getAsInteger(10, I);
  return I;
}

fn::RubyRandom::RubyRandom(llvm::StringRef SeedHex)
    : MT(std::make_unique<MersenneTwister>(seedWords(SeedHex))) {}

fn::RubyRandom::~RubyRandom() = default;

uint64_t fn::RubyRandom::upTo(uint64_t Limit) {
  return limitedRand(*MT, Limit);
}

int64_t fn::rubySeededRand(llvm::StringRef SeedHex, int64_t Max) {
  if (Max == 0)
    return 0;
  RubyRandom R(SeedHex);
  return static_cast<int64_t>(
      R.upTo(static_cast<uint64_t>(Max < 0 ? -Max : Max) - 1));
}

void cppet::registerDigestFunctions(FunctionRegistry &R) {
  R.add("md5", digestFunction(EVP_md5));
  R.add("sha1", digestFunction(EVP_sha1));
  R.add("sha256", digestFunction(EVP_sha256));
  R.add("fqdn_rand", fqdnRandFn);
}
