//===- Settings.cpp - Puppet-compatible settings --------------------------===//
#include "cppet/Support/Settings.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <netdb.h>
#include <unistd.h>

using namespace cppet;
using llvm::StringRef;

namespace {

// Names and sections follow Puppet 7's; paths are cppet's own.
const SettingDefinition Definitions[] = {
    {"confdir", "main", "/etc/cppet", "The directory holding cppet.conf."},
    {"config", "main", "$confdir/cppet.conf",
     "The configuration file read at start."},
    {"codedir", "main", "/etc/cppet/code",
     "The directory holding environments, modules and hiera data."},
    {"vardir", "main", "/var/lib/cppet",
     "The directory for data cppet keeps between runs."},
    {"rundir", "main", "/run/cppet", "The directory for pid files."},
    {"logdir", "main", "/var/log/cppet", "The directory for log files."},
    {"ssldir", "main", "$confdir/ssl",
     "The directory for keys, certificates and the CA."},
    {"statedir", "main", "$vardir/state",
     "The directory for state files (last run summary and report)."},
    {"publicdir", "main", "$vardir/public",
     "The directory for files other programs may read."},
    {"environmentpath", "main", "$codedir/environments",
     "Directories (':'-separated) searched for environments."},
    {"environment", "main", "production",
     "The environment a node is compiled in by default."},
    {"manifest", "main", "$environmentpath/$environment/manifests",
     "The main manifest: a file or a directory of .pp files."},
    {"basemodulepath", "main", "$codedir/modules:/usr/share/puppet/modules",
     "Module directories shared by every environment."},
    {"modulepath", "main",
     "$environmentpath/$environment/modules:$basemodulepath",
     "Directories (':'-separated) searched for modules."},
    {"hiera_config", "main", "$confdir/hiera.yaml",
     "The global Hiera 5 configuration file."},
    {"certname", "main", "",
     "This node's name in certificates; the fqdn when unset."},
    {"server", "main", "puppet", "The master the agent talks to."},
    {"serverport", "main", "8140",
     "The port the master listens on and the agent connects to."},
    {"ca_server", "main", "$server", "The server that runs the CA."},
    {"ca_port", "main", "$serverport", "The port of the CA server."},
    {"dns_alt_names", "main", "",
     "Extra DNS names (comma-separated) for this node's certificate."},
    {"csr_attributes", "main", "$confdir/csr_attributes.yaml",
     "Attributes and extension requests added to certificate requests."},
    {"daemonize", "main", "true", "Whether to run in the background."},
    {"pidfile", "main", "$rundir/${run_mode}.pid",
     "The pid file of the running daemon."},
    {"log_level", "main", "notice",
     "The lowest level logged: debug, info, notice, warning, err."},
    {"environment_timeout", "main", "0",
     "How long the master caches an environment (seconds, or unlimited)."},
    {"bindaddress", "server", "0.0.0.0", "The address the master listens on."},
    {"autosign", "server", "$confdir/autosign.conf",
     "Whether to sign requests automatically: true, false, an allowlist file "
     "or an executable policy."},
    {"allow_duplicate_certs", "server", "false",
     "Whether a new request may replace a name's signed certificate."},
    {"node_terminus", "server", "plain",
     "Where node data comes from: plain, or exec (an external node "
     "classifier)."},
    {"external_nodes", "server", "none",
     "The external node classifier run when node_terminus is exec."},
    {"reports", "server", "store",
     "What the master does with reports (comma-separated processors)."},
    {"reportdir", "server", "$vardir/reports",
     "The directory of stored reports."},
    {"runinterval", "agent", "1800", "Seconds between agent runs."},
    {"splay", "agent", "false",
     "Whether to wait a random time before each run."},
    {"splaylimit", "agent", "$runinterval",
     "The longest random wait when splay is on."},
    {"waitforcert", "agent", "120",
     "Seconds between checks for a signed certificate; 0 exits instead."},
    {"usecacheonfailure", "agent", "true",
     "Whether to apply the cached catalog when a new one cannot be had."},
    {"noop", "agent", "false", "Whether to only report what would change."},
    {"show_diff", "agent", "false",
     "Whether to log a diff of changed file contents."},
    {"clientbucketdir", "agent", "$vardir/clientbucket",
     "The local filebucket of replaced file contents."},
    {"lastrunfile", "agent", "$statedir/last_run_summary.yaml",
     "The summary of the last run."},
    {"lastrunreport", "agent", "$statedir/last_run_report.yaml",
     "The full report of the last run."},
    {"report", "agent", "true", "Whether to send a report after each run."},
    {"maxwaitforcert", "agent", "unlimited",
     "How long to wait for a signed certificate before giving up."},
    {"certificate_revocation", "agent", "chain",
     "CRL checking of the master: chain, leaf or false."},
    {"keylength", "agent", "4096", "The RSA key size of a new agent key."},
    {"key_type", "main", "rsa",
     "The type of new keys: rsa (keylength bits) or ec (named_curve)."},
    {"named_curve", "main", "prime256v1",
     "The curve of new EC keys (key_type = ec)."},
    {"pluginsync", "agent", "true",
     "Whether to download the modules' external facts before a run."},
    {"ca_fingerprint", "agent", "",
     "The SHA256 the first CA download must have (hex, colons allowed)."},
};

struct Alias {
  const char *Name;
  const char *Target;
};
const Alias Aliases[] = {{"masterport", "serverport"}};

const char *const SectionNames[] = {"main", "server", "agent", "user"};

StringRef canonicalName(StringRef Name) {
  for (const Alias &A : Aliases)
    if (Name == A.Name)
      return A.Target;
  return Name;
}

bool isNameChar(char C) { return llvm::isAlnum(C) || C == '_'; }

} // namespace

StringRef cppet::runModeName(RunMode Mode) {
  switch (Mode) {
  case RunMode::Agent:
    return "agent";
  case RunMode::Server:
    return "server";
  case RunMode::User:
    return "user";
  }
  return "user";
}

llvm::ArrayRef<SettingDefinition> cppet::settingDefinitions() {
  return Definitions;
}

const SettingDefinition *cppet::findSetting(StringRef Name) {
  StringRef Canonical = canonicalName(Name);
  for (const SettingDefinition &D : Definitions)
    if (Canonical == D.Name)
      return &D;
  return nullptr;
}

bool cppet::isBooleanSetting(const SettingDefinition &Def) {
  StringRef Default = Def.Default;
  return Default == "true" || Default == "false";
}

namespace {
llvm::Error checkValue(const SettingDefinition &Def, StringRef Value,
                       StringRef Where) {
  if (!isBooleanSetting(Def) || Value == "true" || Value == "false")
    return llvm::Error::success();
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "%sinvalid value '%s' for boolean setting '%s' (true or false)",
      Where.str().c_str(), Value.str().c_str(), Def.Name);
}
} // namespace

std::string cppet::hostFqdn() {
  char Host[256] = {0};
  if (gethostname(Host, sizeof(Host) - 1) != 0)
    return "localhost";
  std::string Fqdn = Host;
  addrinfo Hints{};
  Hints.ai_flags = AI_CANONNAME;
  addrinfo *Res = nullptr;
  if (getaddrinfo(Host, nullptr, &Hints, &Res) == 0) {
    if (Res && Res->ai_canonname)
      Fqdn = Res->ai_canonname;
    freeaddrinfo(Res);
  }
  return StringRef(Fqdn).lower();
}

Settings::Settings(RunMode Mode) : Mode(Mode) {}

llvm::Error Settings::parse(StringRef Text, StringRef FileName,
                            std::vector<std::string> &Warnings) {
  std::string Section = "main";
  unsigned LineNo = 0;
  while (!Text.empty()) {
    StringRef Line;
    std::tie(Line, Text) = Text.split('\n');
    ++LineNo;
    Line = Line.trim();
    if (Line.empty() || Line.startswith("#"))
      continue;
    auto Where = [&] { return (FileName + ":" + llvm::Twine(LineNo)).str(); };
    if (Line.startswith("[")) {
      if (!Line.endswith("]"))
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "%s: malformed section header '%s'",
                                       Where().c_str(), Line.str().c_str());
      StringRef Name = Line.drop_front().drop_back().trim();
      if (Name == "master")
        Name = "server";
      if (!llvm::is_contained(SectionNames, Name))
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "%s: unknown section [%s]",
                                       Where().c_str(), Name.str().c_str());
      Section = Name.str();
      continue;
    }
    size_t Eq = Line.find('=');
    StringRef Name = Line.take_front(Eq).trim();
    if (Eq == StringRef::npos || Name.empty() ||
        !llvm::all_of(Name, isNameChar))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "%s: expected 'name = value', got '%s'",
                                     Where().c_str(), Line.str().c_str());
    StringRef Value = Line.drop_front(Eq + 1).trim();
    // Puppet allows file metadata after a path: `ssldir = /x {mode = 0771}`.
    if (Value.endswith("}")) {
      size_t Brace = Value.rfind('{');
      if (Brace != StringRef::npos)
        Value = Value.take_front(Brace).rtrim();
    }
    const SettingDefinition *Def = findSetting(Name);
    if (!Def) {
      Warnings.push_back(Where() + ": unknown setting '" + Name.str() + "'");
      continue;
    }
    if (llvm::Error E = checkValue(*Def, Value, Where() + ": "))
      return E;
    Sections[Section][Def->Name] = Value.str();
  }
  return llvm::Error::success();
}

llvm::Error Settings::readFile(StringRef Path,
                               std::vector<std::string> &Warnings) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read %s: %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  return parse((*Buffer)->getBuffer(), Path, Warnings);
}

llvm::Error Settings::setCommandLine(StringRef Name, StringRef Value) {
  const SettingDefinition *Def = findSetting(Name);
  if (!Def)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unknown setting '%s'", Name.str().c_str());
  if (llvm::Error E = checkValue(*Def, Value, ""))
    return E;
  CommandLine[Def->Name] = Value.str();
  return llvm::Error::success();
}

llvm::Expected<std::string> Settings::get(StringRef Name,
                                          StringRef Section) const {
  std::vector<std::string> Resolving;
  if (Section.empty())
    Section = runModeName(Mode);
  else if (Section == "master")
    Section = "server";
  return lookup(Name, Section, Resolving);
}

bool Settings::isSet(StringRef Name, StringRef Section) const {
  const SettingDefinition *Def = findSetting(Name);
  if (!Def)
    return false;
  if (Section.empty())
    Section = runModeName(Mode);
  if (CommandLine.count(Def->Name))
    return true;
  for (StringRef S : {Section, StringRef("main")}) {
    auto It = Sections.find(S);
    if (It != Sections.end() && It->second.count(Def->Name))
      return true;
  }
  return false;
}

llvm::Expected<std::string>
Settings::lookup(StringRef Name, StringRef Section,
                 std::vector<std::string> &Resolving) const {
  if (Name == "run_mode")
    return runModeName(Mode).str();
  const SettingDefinition *Def = findSetting(Name);
  if (!Def)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unknown setting '%s'", Name.str().c_str());
  StringRef Canonical = Def->Name;
  if (llvm::is_contained(Resolving, Canonical))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "setting '%s' refers to itself (through %s)",
                                   Canonical.str().c_str(),
                                   llvm::join(Resolving, " -> ").c_str());

  std::string Raw = Def->Default;
  bool Found = false;
  auto Take = [&](const llvm::StringMap<std::string> &Values) {
    auto It = Values.find(Canonical);
    if (Found || It == Values.end())
      return;
    Raw = It->second;
    Found = true;
  };
  Take(CommandLine);
  if (Section != "main") {
    auto It = Sections.find(Section);
    if (It != Sections.end())
      Take(It->second);
  }
  auto Main = Sections.find("main");
  if (Main != Sections.end())
    Take(Main->second);
  if (!Found && Canonical == "certname")
    return hostFqdn();

  Resolving.push_back(Canonical.str());
  auto Value = interpolate(Raw, Section, Resolving);
  Resolving.pop_back();
  return Value;
}

llvm::Expected<std::string>
Settings::interpolate(StringRef Raw, StringRef Section,
                      std::vector<std::string> &Resolving) const {
  std::string Out;
  while (!Raw.empty()) {
    size_t Dollar = Raw.find('$');
    Out += Raw.take_front(Dollar).str();
    if (Dollar == StringRef::npos)
      break;
    Raw = Raw.drop_front(Dollar + 1);
    StringRef Name;
    if (Raw.startswith("{")) {
      size_t Close = Raw.find('}');
      if (Close == StringRef::npos)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "unterminated '${' in '%s'",
                                       Raw.str().c_str());
      Name = Raw.slice(1, Close);
      Raw = Raw.drop_front(Close + 1);
    } else {
      Name = Raw.take_while(isNameChar);
      Raw = Raw.drop_front(Name.size());
    }
    if (Name.empty()) {
      Out += '$';
      continue;
    }
    auto Value = lookup(Name, Section, Resolving);
    if (!Value)
      return Value.takeError();
    Out += *Value;
  }
  return Out;
}

llvm::Error Settings::print(llvm::raw_ostream &OS,
                            llvm::ArrayRef<std::string> Names,
                            StringRef Section) const {
  if (Names.size() == 1) {
    auto Value = get(Names.front(), Section);
    if (!Value)
      return Value.takeError();
    OS << *Value << '\n';
    return llvm::Error::success();
  }
  std::vector<std::string> All(Names.begin(), Names.end());
  if (All.empty()) {
    for (const SettingDefinition &D : Definitions)
      All.emplace_back(D.Name);
    llvm::sort(All);
  }
  for (const std::string &Name : All) {
    auto Value = get(Name, Section);
    if (!Value)
      return Value.takeError();
    OS << Name << " = " << *Value << '\n';
  }
  return llvm::Error::success();
}

llvm::Expected<std::string> Settings::configFile() const {
  std::vector<std::string> Resolving;
  auto It = CommandLine.find("config");
  if (It != CommandLine.end())
    return interpolate(It->second, "main", Resolving);
  return interpolate(findSetting("config")->Default, "main", Resolving);
}

llvm::Expected<Settings> cppet::loadSettings(
    RunMode Mode,
    llvm::ArrayRef<std::pair<std::string, std::string>> CommandLine,
    std::vector<std::string> &Warnings) {
  Settings S(Mode);
  bool ExplicitConfig = false;
  for (const auto &[Name, Value] : CommandLine) {
    if (llvm::Error E = S.setCommandLine(Name, Value))
      return E;
    ExplicitConfig |= Name == "config";
  }
  auto Path = S.configFile();
  if (!Path)
    return Path.takeError();
  if (!ExplicitConfig && !llvm::sys::fs::exists(*Path))
    return S;
  if (llvm::Error E = S.readFile(*Path, Warnings))
    return E;
  return S;
}

void cppet::writeDefaultConfig(llvm::raw_ostream &OS) {
  OS << "# cppet.conf: every setting with its default.\n"
     << "# Lookup order: the command line (--NAME VALUE), the program's\n"
     << "# section ([server] or [agent]), [main], then these defaults.\n";
  for (StringRef Section : {"main", "server", "agent"}) {
    OS << "\n[" << Section << "]\n";
    for (const SettingDefinition &D : Definitions) {
      if (Section != D.Section)
        continue;
      OS << "\n# " << D.Description << '\n';
      if (StringRef(D.Name) == "certname") {
        OS << "# certname = " << hostFqdn() << '\n';
        continue;
      }
      OS << D.Name << " = " << D.Default << '\n';
    }
  }
}
