//===- UserAccounts.cpp - Account files and the shadow tools --------------===//
#include "UserAccounts.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdlib>

using namespace llvm;

namespace cppet::apply {

namespace {

/// Splits a line of an account file into exactly N colon-separated fields;
/// false when it has another count or is a comment or NIS entry.
bool splitFields(StringRef Line, size_t N, SmallVectorImpl<StringRef> &Out) {
  Line = Line.rtrim("\r");
  if (Line.empty() || Line.startswith("#") || Line.startswith("+") ||
      Line.startswith("-"))
    return false;
  Out.clear();
  Line.split(Out, ':', -1, true);
  return Out.size() == N && !Out[0].empty();
}

bool parseId(StringRef Text, int64_t &Out) {
  return !Text.empty() && !Text.getAsInteger(10, Out);
}

/// An optional numeric shadow field: empty is -1.
bool parseOptionalId(StringRef Text, int64_t &Out) {
  if (Text.empty()) {
    Out = -1;
    return true;
  }
  return parseId(Text, Out);
}

std::vector<std::string> splitMembers(StringRef Text) {
  std::vector<std::string> Out;
  SmallVector<StringRef, 8> Parts;
  Text.split(Parts, ',', -1, false);
  for (StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}

Expected<std::string> readWholeFile(const std::string &Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return createStringError(Buf.getError(), "Could not read " + Path + ": " +
                                                 Buf.getError().message());
  return (*Buf)->getBuffer().str();
}

} // namespace

std::vector<PasswdEntry> parsePasswd(StringRef Text) {
  std::vector<PasswdEntry> Out;
  SmallVector<StringRef, 8> Lines, F;
  Text.split(Lines, '\n', -1, false);
  for (StringRef Line : Lines) {
    PasswdEntry E;
    if (!splitFields(Line, 7, F) || !parseId(F[2], E.Uid) ||
        !parseId(F[3], E.Gid))
      continue;
    E.Name = F[0].str();
    E.Password = F[1].str();
    E.Gecos = F[4].str();
    E.Home = F[5].str();
    E.Shell = F[6].str();
    Out.push_back(std::move(E));
  }
  return Out;
}

std::vector<GroupEntry> parseGroup(StringRef Text) {
  std::vector<GroupEntry> Out;
  SmallVector<StringRef, 8> Lines, F;
  Text.split(Lines, '\n', -1, false);
  for (StringRef Line : Lines) {
    GroupEntry E;
    if (!splitFields(Line, 4, F) || !parseId(F[2], E.Gid))
      continue;
    E.Name = F[0].str();
    E.Password = F[1].str();
    E.Members = splitMembers(F[3]);
    Out.push_back(std::move(E));
  }
  return Out;
}

std::vector<ShadowEntry> parseShadow(StringRef Text) {
  std::vector<ShadowEntry> Out;
  SmallVector<StringRef, 8> Lines, F;
  Text.split(Lines, '\n', -1, false);
  for (StringRef Line : Lines) {
    ShadowEntry E;
    if (!splitFields(Line, 9, F) || !parseOptionalId(F[2], E.LastChange) ||
        !parseOptionalId(F[3], E.MinAge) || !parseOptionalId(F[4], E.MaxAge) ||
        !parseOptionalId(F[5], E.WarnDays) ||
        !parseOptionalId(F[6], E.Inactive) || !parseOptionalId(F[7], E.Expire))
      continue;
    E.Name = F[0].str();
    E.Password = F[1].str();
    Out.push_back(std::move(E));
  }
  return Out;
}

Expected<AccountDatabase> AccountDatabase::load(const AccountFiles &Files) {
  Expected<std::string> Passwd = readWholeFile(Files.Passwd);
  if (!Passwd)
    return Passwd.takeError();
  Expected<std::string> Group = readWholeFile(Files.Group);
  if (!Group)
    return Group.takeError();
  std::string Shadow;
  if (Expected<std::string> S = readWholeFile(Files.Shadow))
    Shadow = std::move(*S);
  else
    consumeError(S.takeError());
  return fromText(*Passwd, *Group, Shadow);
}

AccountDatabase AccountDatabase::fromText(StringRef Passwd, StringRef Group,
                                          StringRef Shadow) {
  AccountDatabase Db;
  Db.Users = parsePasswd(Passwd);
  Db.Groups = parseGroup(Group);
  Db.Shadows = parseShadow(Shadow);
  return Db;
}

const PasswdEntry *AccountDatabase::user(StringRef Name) const {
  for (const PasswdEntry &E : Users)
    if (E.Name == Name)
      return &E;
  return nullptr;
}

const GroupEntry *AccountDatabase::group(StringRef Name) const {
  for (const GroupEntry &E : Groups)
    if (E.Name == Name)
      return &E;
  return nullptr;
}

const ShadowEntry *AccountDatabase::shadow(StringRef Name) const {
  for (const ShadowEntry &E : Shadows)
    if (E.Name == Name)
      return &E;
  return nullptr;
}

std::vector<std::string> AccountDatabase::groupsOf(StringRef User) const {
  std::vector<std::string> Out;
  for (const GroupEntry &G : Groups)
    if (llvm::is_contained(G.Members, User) && !llvm::is_contained(Out, G.Name))
      Out.push_back(G.Name);
  return Out;
}

std::optional<int64_t> AccountDatabase::resolveGid(StringRef NameOrId) const {
  int64_t N;
  if (!NameOrId.getAsInteger(10, N))
    return N;
  if (const GroupEntry *G = group(NameOrId))
    return G->Gid;
  return std::nullopt;
}

std::string daysToDate(int64_t Days) {
  // Howard Hinnant's civil_from_days.
  int64_t Z = Days + 719468;
  int64_t Era = (Z >= 0 ? Z : Z - 146096) / 146097;
  int64_t Doe = Z - Era * 146097;
  int64_t Yoe = (Doe - Doe / 1460 + Doe / 36524 - Doe / 146096) / 365;
  int64_t Y = Yoe + Era * 400;
  int64_t Doy = Doe - (365 * Yoe + Yoe / 4 - Yoe / 100);
  int64_t Mp = (5 * Doy + 2) / 153;
  int64_t D = Doy - (153 * Mp + 2) / 5 + 1;
  int64_t M = Mp < 10 ? Mp + 3 : Mp - 9;
  if (M <= 2)
    ++Y;
  char Buf[64];
  snprintf(Buf, sizeof(Buf), "%04lld-%02lld-%02lld", static_cast<long long>(Y),
           static_cast<long long>(M), static_cast<long long>(D));
  return Buf;
}

std::string toolPath(StringRef Name) {
  const char *Env = std::getenv("PATH");
  std::string Path = Env ? Env : "";
  Path += ":/usr/sbin:/usr/bin:/sbin:/bin";
  if (std::optional<std::string> P = findProgram(Name, Path))
    return *P;
  return Name.str();
}

Error runTool(Context &Ctx, const std::vector<std::string> &Argv,
              const std::string &Stdin) {
  ProcessSpec Spec;
  Spec.Argv = Argv;
  Spec.Argv[0] = toolPath(Argv[0]);
  Spec.Stdin = Stdin;
  Spec.Timeout = std::chrono::minutes(5);
  std::string Line = join(Spec.Argv, " ");
  Expected<ProcessResult> R = Ctx.run(Spec);
  if (!R)
    return createStringError(inconvertibleErrorCode(),
                             "Execution of '" + Line +
                                 "' failed: " + toString(R.takeError()));
  if (R->succeeded())
    return Error::success();
  std::string Status = R->TimedOut ? "timed out"
                       : R->Signal
                           ? "was killed by signal " + std::to_string(R->Signal)
                           : "returned " + std::to_string(R->ExitCode);
  return createStringError(inconvertibleErrorCode(),
                           "Execution of '" + Line + "' " + Status + ": " +
                               StringRef(R->Output).trim().str());
}

//===--------------------------------------------------------------------===//
// Command lines
//===--------------------------------------------------------------------===//

std::vector<std::string> useraddArgv(const ResourceView &R,
                                     const AccountDatabase &Db,
                                     StringRef Groups) {
  std::string Name = R.name();
  std::vector<std::string> Argv = {"useradd"};
  if (!R.has("gid") && Db.group(Name))
    Argv.insert(Argv.end(), {"-g", Name});
  auto Add = [&](const char *Flag, const std::string &Value) {
    if (!Value.empty())
      Argv.insert(Argv.end(), {Flag, Value});
  };
  Add("-c", R.str("comment"));
  if (R.str("expiry") != "absent")
    Add("-e", R.str("expiry"));
  Add("-g", R.str("gid"));
  Add("-G", Groups.str());
  Add("-d", R.str("home"));
  Add("-s", R.str("shell"));
  Add("-u", R.str("uid"));
  if (R.boolean("allowdupe").value_or(false))
    Argv.emplace_back("-o");
  Argv.emplace_back(R.boolean("managehome").value_or(false) ? "-m" : "-M");
  if (R.boolean("system").value_or(false))
    Argv.emplace_back("-r");
  Argv.push_back(Name);
  return Argv;
}

std::vector<std::string> usermodArgv(const ResourceView &R, StringRef Flag,
                                     StringRef Value) {
  std::vector<std::string> Argv = {"usermod", Flag.str(), Value.str()};
  if (Flag == "-u" && R.boolean("allowdupe").value_or(false))
    Argv.emplace_back("-o");
  Argv.push_back(R.name());
  return Argv;
}

std::vector<std::string> userdelArgv(const ResourceView &R) {
  std::vector<std::string> Argv = {"userdel"};
  if (R.boolean("managehome").value_or(false))
    Argv.emplace_back("-r");
  Argv.push_back(R.name());
  return Argv;
}

std::vector<std::string> chpasswdArgv() { return {"chpasswd", "-e"}; }

std::string chpasswdInput(StringRef User, StringRef Hash) {
  return (User + ":" + Hash + "\n").str();
}

std::vector<std::string> chageArgv(const ResourceView &R) {
  std::vector<std::string> Argv = {"chage"};
  for (auto [Param, Flag] : {std::pair{"password_min_age", "-m"},
                             std::pair{"password_max_age", "-M"},
                             std::pair{"password_warn_days", "-W"}})
    if (R.has(Param))
      Argv.insert(Argv.end(), {Flag, R.str(Param)});
  if (Argv.size() == 1)
    return {};
  Argv.push_back(R.name());
  return Argv;
}

std::vector<std::string> groupaddArgv(const ResourceView &R) {
  std::vector<std::string> Argv = {"groupadd"};
  if (R.has("gid"))
    Argv.insert(Argv.end(), {"-g", R.str("gid")});
  if (R.boolean("allowdupe").value_or(false))
    Argv.emplace_back("-o");
  if (R.boolean("system").value_or(false))
    Argv.emplace_back("-r");
  Argv.push_back(R.name());
  return Argv;
}

std::vector<std::string> groupmodGidArgv(const ResourceView &R, StringRef Gid) {
  std::vector<std::string> Argv = {"groupmod", "-g", Gid.str()};
  if (R.boolean("allowdupe").value_or(false))
    Argv.emplace_back("-o");
  Argv.push_back(R.name());
  return Argv;
}

std::vector<std::string> groupdelArgv(const ResourceView &R) {
  return {"groupdel", R.name()};
}

std::vector<std::string>
gpasswdMembersArgv(const ResourceView &R,
                   const std::vector<std::string> &Members) {
  return {"gpasswd", "-M", join(Members, ","), R.name()};
}

} // namespace cppet::apply
