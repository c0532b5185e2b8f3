//===- Regex.cpp - Ruby-compatible regular expressions --------------------===//

#include "cppet/Compile/Regex.h"

#include <oniguruma.h>

#include <mutex>

using namespace cppet;

namespace {

void ensureOnigInitialized() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    OnigEncoding Encodings[] = {ONIG_ENCODING_UTF8};
    onig_initialize(Encodings, 1);
  });
}

const OnigUChar *bytes(llvm::StringRef S) {
  return reinterpret_cast<const OnigUChar *>(S.data());
}

/// Length in bytes of the UTF-8 character starting at S[Pos] (1 for
/// malformed input or at the end).
size_t charLength(llvm::StringRef S, size_t Pos) {
  if (Pos >= S.size())
    return 1;
  const unsigned char C = static_cast<unsigned char>(S[Pos]);
  size_t Len = 1;
  if (C >= 0xF0)
    Len = 4;
  else if (C >= 0xE0)
    Len = 3;
  else if (C >= 0xC0)
    Len = 2;
  return std::min(Len, S.size() - Pos);
}

struct RegionDeleter {
  void operator()(OnigRegion *R) const { onig_region_free(R, 1); }
};
using RegionPtr = std::unique_ptr<OnigRegion, RegionDeleter>;

} // namespace

std::shared_ptr<const Regex> Regex::compile(llvm::StringRef Pattern,
                                            std::string *ErrorMessage) {
  ensureOnigInitialized();
  OnigRegex Re = nullptr;
  OnigErrorInfo Info;
  const int Rc =
      onig_new(&Re, bytes(Pattern), bytes(Pattern) + Pattern.size(),
               ONIG_OPTION_NONE, ONIG_ENCODING_UTF8, ONIG_SYNTAX_RUBY, &Info);
  if (Rc != ONIG_NORMAL) {
    if (ErrorMessage) {
      OnigUChar Buf[ONIG_MAX_ERROR_MESSAGE_LEN];
      const int Len = onig_error_code_to_str(Buf, Rc, &Info);
      *ErrorMessage = std::string(reinterpret_cast<char *>(Buf),
                                  static_cast<size_t>(Len > 0 ? Len : 0));
    }
    if (Re)
      onig_free(Re);
    return nullptr;
  }
  std::shared_ptr<Regex> R(new Regex());
  R->Source = Pattern.str();
  R->Impl = Re;
  return R;
}

Regex::~Regex() {
  if (Impl)
    onig_free(static_cast<OnigRegex>(Impl));
}

unsigned Regex::numGroups() const {
  return static_cast<unsigned>(
      onig_number_of_captures(static_cast<OnigRegex>(Impl)));
}

std::vector<std::pair<std::string, unsigned>> Regex::groupNames() const {
  std::vector<std::pair<std::string, unsigned>> Names;
  auto Callback = [](const OnigUChar *Name, const OnigUChar *NameEnd,
                     int NumGroups, int *GroupList, OnigRegex,
                     void *Arg) -> int {
    auto *Out =
        static_cast<std::vector<std::pair<std::string, unsigned>> *>(Arg);
    for (int I = 0; I < NumGroups; ++I)
      Out->emplace_back(std::string(reinterpret_cast<const char *>(Name),
                                    reinterpret_cast<const char *>(NameEnd)),
                        static_cast<unsigned>(GroupList[I]));
    return 0;
  };
  onig_foreach_name(static_cast<OnigRegex>(Impl), Callback, &Names);
  return Names;
}

std::optional<RegexMatch> Regex::search(llvm::StringRef Subject,
                                        size_t Start) const {
  if (Start > Subject.size())
    return std::nullopt;
  RegionPtr Region(onig_region_new());
  const OnigUChar *Begin = bytes(Subject);
  const OnigUChar *End = Begin + Subject.size();
  const int Pos =
      onig_search(static_cast<OnigRegex>(Impl), Begin, End, Begin + Start, End,
                  Region.get(), ONIG_OPTION_NONE);
  if (Pos < 0)
    return std::nullopt;
  RegexMatch M;
  M.Begin = static_cast<size_t>(Region->beg[0]);
  M.End = static_cast<size_t>(Region->end[0]);
  for (int I = 0; I < Region->num_regs; ++I) {
    if (Region->beg[I] < 0) {
      M.Groups.emplace_back(std::nullopt);
      continue;
    }
    M.Groups.emplace_back(
        Subject.substr(Region->beg[I], Region->end[I] - Region->beg[I]).str());
  }
  return M;
}

std::vector<RegexMatch> Regex::matchAll(llvm::StringRef Subject) const {
  std::vector<RegexMatch> Matches;
  size_t Start = 0;
  while (Start <= Subject.size()) {
    std::optional<RegexMatch> M = search(Subject, Start);
    if (!M)
      break;
    Start = M->End == M->Begin ? M->End + charLength(Subject, M->End) : M->End;
    Matches.push_back(std::move(*M));
  }
  return Matches;
}

namespace {

/// Expands Ruby's replacement escapes for one match.
std::string expandReplacement(const Regex &Re, llvm::StringRef Subject,
                              const RegexMatch &M,
                              llvm::StringRef Replacement) {
  std::string Out;
  auto AppendGroup = [&](size_t Index) {
    if (Index < M.Groups.size() && M.Groups[Index])
      Out += *M.Groups[Index];
  };
  for (size_t I = 0; I < Replacement.size(); ++I) {
    const char C = Replacement[I];
    if (C != '\\' || I + 1 == Replacement.size()) {
      Out += C;
      continue;
    }
    const char N = Replacement[++I];
    if (N >= '0' && N <= '9') {
      AppendGroup(static_cast<size_t>(N - '0'));
    } else if (N == '&') {
      AppendGroup(0);
    } else if (N == '`') {
      Out += Subject.substr(0, M.Begin).str();
    } else if (N == '\'') {
      Out += Subject.substr(M.End).str();
    } else if (N == '\\') {
      Out += '\\';
    } else if (N == 'k' && I + 1 < Replacement.size() &&
               Replacement[I + 1] == '<') {
      const size_t Close = Replacement.find('>', I + 2);
      if (Close == llvm::StringRef::npos) {
        Out += "\\k";
        continue;
      }
      const llvm::StringRef Name = Replacement.slice(I + 2, Close);
      for (const auto &[GroupName, Number] : Re.groupNames())
        if (GroupName == Name)
          AppendGroup(Number);
      I = Close;
    } else {
      Out += '\\';
      Out += N;
    }
  }
  return Out;
}

} // namespace

std::string
Regex::substitute(llvm::StringRef Subject,
                  const std::function<std::string(const RegexMatch &)> &Replace,
                  bool Global) const {
  std::string Out;
  size_t Copied = 0;
  size_t Start = 0;
  while (Start <= Subject.size()) {
    std::optional<RegexMatch> M = search(Subject, Start);
    if (!M)
      break;
    Out += Subject.slice(Copied, M->Begin).str();
    Out += Replace(*M);
    Copied = M->End;
    if (!Global)
      break;
    if (M->End == M->Begin) {
      // Empty match: copy one character and move past it.
      const size_t Len = charLength(Subject, M->End);
      if (M->End < Subject.size())
        Out += Subject.substr(M->End, Len).str();
      Copied = M->End + Len;
      Start = M->End + Len;
    } else {
      Start = M->End;
    }
  }
  if (Copied < Subject.size())
    Out += Subject.substr(Copied).str();
  return Out;
}

std::string Regex::substitute(llvm::StringRef Subject,
                              llvm::StringRef Replacement, bool Global) const {
  return substitute(
      Subject,
      [&](const RegexMatch &M) {
        return expandReplacement(*this, Subject, M, Replacement);
      },
      Global);
}

std::vector<std::string> Regex::split(llvm::StringRef Subject) const {
  // Follows Ruby's String#split with a regexp and no limit.
  std::vector<std::string> Result;
  size_t Beg = 0;
  size_t Start = 0;
  bool LastNull = false;
  while (Start <= Subject.size()) {
    std::optional<RegexMatch> M = search(Subject, Start);
    if (!M)
      break;
    if (Start == M->Begin && M->Begin == M->End) {
      if (Subject.empty()) {
        Result.emplace_back();
        break;
      }
      if (!LastNull) {
        Start += charLength(Subject, Start);
        LastNull = true;
        continue;
      }
      Result.push_back(Subject.substr(Beg, charLength(Subject, Beg)).str());
      Beg = Start;
    } else {
      Result.push_back(Subject.slice(Beg, M->Begin).str());
      Beg = Start = M->End;
    }
    LastNull = false;
    for (size_t I = 1; I < M->Groups.size(); ++I)
      if (M->Groups[I])
        Result.push_back(*M->Groups[I]);
  }
  if (!Subject.empty() && Subject.size() > Beg)
    Result.push_back(Subject.substr(Beg).str());
  while (!Result.empty() && Result.back().empty())
    Result.pop_back();
  return Result;
}
