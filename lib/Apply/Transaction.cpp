//===- Transaction.cpp - The graph and the evaluation of a catalog --------===//
//
// Graph: every container resource (Stage, Class, Node, defined-type
// instances: anything that contains others, and the pseudo types) has two
// vertices, "admissible" (before its contents) and "completed" (after
// them), like Puppet's whits; a leaf resource has one. Containment,
// explicit relationships and autorequires are edges between those vertices,
// so relationships with containers cost one edge each.
//
//===----------------------------------------------------------------------===//
#include "cppet/Apply/Transaction.h"
#include "cppet/Apply/Filebucket.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <unordered_map>
#include <unordered_set>

using namespace llvm;

namespace cppet::apply {

namespace {

const std::set<std::string, std::less<>> &metaparameters() {
  static const std::set<std::string, std::less<>> M = {
      "alias",    "audit",     "before", "consume", "export",
      "loglevel", "noop",      "notify", "require", "schedule",
      "stage",    "subscribe", "tag"};
  return M;
}

/// Types that contain others or stand for settings: never synced.
bool isContainerType(StringRef LowerType) {
  return LowerType == "stage" || LowerType == "class" || LowerType == "node" ||
         LowerType == "component" || LowerType == "whit";
}

/// The key a reference is found by: type lowercased, class titles too.
std::string refKey(StringRef Type, StringRef Title) {
  std::string T = Type.lower();
  if (T == "class" || T == "node" || T == "stage")
    return T + "[" + Title.lower() + "]";
  return T + "[" + Title.str() + "]";
}

std::string refKey(StringRef Ref) {
  size_t Open = Ref.find('[');
  if (Open == StringRef::npos || !Ref.endswith("]"))
    return Ref.lower();
  return refKey(Ref.take_front(Open), Ref.slice(Open + 1, Ref.size() - 1));
}

/// "foo::bar" -> "Foo::Bar", as Puppet names classes in paths.
std::string capitalizeSegments(StringRef Name) {
  std::string Out = Name.str();
  bool Start = true;
  for (char &Ch : Out) {
    if (Start)
      Ch = static_cast<char>(toUpper(Ch));
    Start = Ch == ':';
  }
  return Out;
}

double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

struct Vertex {
  int Res;      // index into the catalog's resources
  bool End;     // the "completed" vertex of a container
  int Priority; // manifest order; -1 for whits (no work, go first)
  int InDegree = 0;
  /// The failed resource this vertex depends on, or -1.
  int FailedCause = -1;
};

class Transaction;

/// The Context types see.
class RunContext final : public Context {
public:
  RunContext(Transaction &T, const ApplyOptions &O) : T(T), O(O) {
    if (!O.BucketDir.empty())
      Bucket = std::make_unique<Filebucket>(O.BucketDir);
  }
  bool debug() const override { return O.Debug; }
  void log(LogLevel Level, const std::string &Source,
           const std::string &Message) override;
  Expected<ProcessResult> run(const ProcessSpec &Spec) override {
    if (O.Debug) {
      std::string Cmd;
      for (const std::string &A : Spec.Argv)
        Cmd += (Cmd.empty() ? "" : " ") + A;
      log(LogLevel::Debug, "Puppet", "Executing: '" + Cmd + "'");
    }
    return runProcess(Spec);
  }
  Filebucket *bucket() override { return Bucket.get(); }
  FileFetcher *fetcher() override { return O.Fetcher; }
  bool manages(StringRef Type, StringRef Title) const override;

  const catalog::Resource *Current = nullptr;

private:
  Transaction &T;
  const ApplyOptions &O;
  std::unique_ptr<Filebucket> Bucket;
};

class Transaction {
public:
  Transaction(const catalog::Catalog &C, const ApplyOptions &O)
      : C(C), O(O), Ctx(*this, O) {}
  Report run();
  int find(StringRef Ref) const {
    auto It = Index.find(refKey(Ref));
    return It == Index.end() ? -1 : It->second;
  }

  Report R;
  const catalog::Catalog &C;
  const ApplyOptions &O;

private:
  void index();
  void buildGraph();
  std::string describeCycle(const std::vector<int> &Remaining) const;
  void evaluate(int Res, int FailedCause);
  /// The containment path of Res's containers, shared by siblings.
  std::shared_ptr<const std::vector<std::string>> containersOf(int Res);
  /// Type[Title] as Puppet prints it (class titles capitalized).
  std::string displayRef(int Res) const {
    const catalog::Resource &X = C.Resources[Res];
    return X.Type == "Class" ? "Class[" + capitalizeSegments(X.Title) + "]"
                             : X.ref();
  }
  bool tagged(const catalog::Resource &Res) const;
  /// Leaves inside Res (Res itself when it is a leaf).
  void leavesOf(int Res, std::vector<int> &Out) const;

  RunContext Ctx;
  llvm::StringMap<int> Index;
  std::vector<ResourceType *> Types; // null for containers
  std::vector<ResourceView> Views;
  std::vector<std::string> Invalid; // validation errors per resource
  std::vector<int> Parent;
  std::vector<std::vector<int>> Children;
  std::vector<int> StartV, EndV;
  std::vector<Vertex> Vertices;
  std::vector<std::pair<int, int>> EdgeList; // while building
  std::vector<int> Offsets, Targets;
  ArrayRef<int> out(int V) const {
    return ArrayRef<int>(Targets).slice(Offsets[V],
                                        Offsets[V + 1] - Offsets[V]);
  }
  /// Refresh edges: resource -> resources it notifies.
  std::vector<std::vector<int>> RefreshTargets;
  std::vector<int> PendingRefresh;   // events waiting per resource
  std::vector<int> NoopEventsInside; // per container
  std::vector<bool> Failed;          // resource failed or skipped for it
  std::unordered_map<int, std::shared_ptr<const std::vector<std::string>>>
      ContainerPaths;
  std::map<std::string, double> TypeTimes;
  friend class RunContext;
};

void RunContext::log(LogLevel Level, const std::string &Source,
                     const std::string &Message) {
  LogEntry E;
  E.Level = logLevelName(Level).str();
  E.Message = Message;
  E.Source = Source;
  E.Tags.push_back(E.Level);
  if (Current && Source != "Puppet") {
    for (const std::string &Tag : Current->Tags)
      E.Tags.push_back(Tag);
    E.File = Current->File;
    E.Line = Current->Line;
  }
  if (Level == LogLevel::Debug && !O.Debug)
    return;
  if (O.OnLog)
    O.OnLog(E);
  T.R.Logs.push_back(std::move(E));
}

bool RunContext::manages(StringRef Type, StringRef Title) const {
  return T.find((Type + "[" + Title + "]").str()) >= 0;
}

void Transaction::index() {
  size_t N = C.Resources.size();
  Types.assign(N, nullptr);
  Views.reserve(N);
  Invalid.assign(N, "");
  Parent.assign(N, -1);
  Children.assign(N, {});
  for (size_t I = 0; I < N; ++I) {
    const catalog::Resource &Res = C.Resources[I];
    Index.try_emplace(refKey(Res.Type, Res.Title), static_cast<int>(I));
  }
  for (const catalog::Edge &E : C.Edges) {
    int S = find(E.Source), T = find(E.Target);
    if (S < 0 || T < 0 || S == T)
      continue;
    Parent[T] = S;
    Children[S].push_back(T);
  }
  for (size_t I = 0; I < N; ++I) {
    const catalog::Resource &Res = C.Resources[I];
    std::string Lower = StringRef(Res.Type).lower();
    ResourceType *Ty = isContainerType(Lower) ? nullptr : lookupType(Lower);
    bool Container = isContainerType(Lower) || !Children[I].empty();
    if (!Ty && !Container)
      Invalid[I] = "Unknown resource type '" + Res.Type + "'";
    Types[I] = Container ? nullptr : Ty;
    Views.emplace_back(Res, Types[I] ? Types[I]->namevar().str()
                                     : std::string("name"));
    if (Types[I]) {
      // Also findable by name when the title differs (File['motd'] with
      // path => '/etc/motd' answers to File['/etc/motd']).
      std::string Name = Views[I].name();
      if (Name != Res.Title)
        Index.try_emplace(refKey(Res.Type, Name), static_cast<int>(I));
    }
    for (const std::string &Alias : Views[I].list("alias"))
      Index.try_emplace(refKey(Res.Type, Alias), static_cast<int>(I));
  }
  // Validation: unknown parameters and invalid values fail the resource
  // before anything changes.
  for (size_t I = 0; I < N; ++I) {
    ResourceType *Ty = Types[I];
    if (!Ty)
      continue;
    std::vector<StringRef> Params = Ty->parameters();
    const Json &P = C.Resources[I].Parameters;
    for (auto It = P.begin(); It != P.end(); ++It) {
      StringRef Name = It.key();
      if (metaparameters().count(Name) ||
          std::find(Params.begin(), Params.end(), Name) != Params.end())
        continue;
      Invalid[I] = "Invalid parameter '" + Name.str() + "' for type '" +
                   Ty->name().str() + "'";
      break;
    }
    if (Invalid[I].empty())
      if (Error E = Ty->validate(Views[I]))
        Invalid[I] = toString(std::move(E));
  }
}

void Transaction::leavesOf(int Res, std::vector<int> &Out) const {
  if (Children[Res].empty()) {
    Out.push_back(Res);
    return;
  }
  for (int Child : Children[Res])
    leavesOf(Child, Out);
}

void Transaction::buildGraph() {
  size_t N = C.Resources.size();
  StartV.assign(N, -1);
  EndV.assign(N, -1);
  Vertices.reserve(
      N + static_cast<size_t>(std::count(Types.begin(), Types.end(), nullptr)));
  EdgeList.reserve(3 * N);
  for (size_t I = 0; I < N; ++I) {
    bool Container = !Types[I];
    StartV[I] = static_cast<int>(Vertices.size());
    Vertices.push_back({static_cast<int>(I), false,
                        Container ? -1 : static_cast<int>(I), 0, -1});
    if (Container) {
      EndV[I] = static_cast<int>(Vertices.size());
      Vertices.push_back({static_cast<int>(I), true, -1, 0, -1});
    } else {
      EndV[I] = StartV[I];
    }
  }
  std::set<std::pair<int, int>> Explicit; // resource pairs, dependency order
  auto AddEdge = [&](int From, int To) { EdgeList.emplace_back(From, To); };
  for (size_t I = 0; I < N; ++I) {
    if (StartV[I] != EndV[I])
      AddEdge(StartV[I], EndV[I]);
    if (Parent[I] >= 0) {
      AddEdge(StartV[Parent[I]], StartV[I]);
      AddEdge(EndV[I], EndV[Parent[I]]);
    }
  }
  RefreshTargets.assign(N, {});
  auto Relate = [&](int From, int To, bool Refresh) {
    if (From == To)
      return;
    AddEdge(EndV[From], StartV[To]);
    Explicit.insert({From, To});
    if (Refresh)
      RefreshTargets[From].push_back(To);
  };
  for (size_t I = 0; I < N; ++I) {
    const ResourceView &V = Views[I];
    for (const char *Meta : {"before", "notify", "require", "subscribe"}) {
      for (const std::string &Ref : V.list(Meta)) {
        int Other = find(Ref);
        if (Other < 0) {
          Invalid[I] =
              "Could not find resource '" + Ref + "' for relationship " +
              (StringRef(Meta) == "before" || StringRef(Meta) == "notify"
                   ? "to"
                   : "from") +
              " '" + C.Resources[I].ref() + "'";
          continue;
        }
        int Me = static_cast<int>(I);
        if (StringRef(Meta) == "before" || StringRef(Meta) == "notify")
          Relate(Me, Other, StringRef(Meta) == "notify");
        else
          Relate(Other, Me, StringRef(Meta) == "subscribe");
      }
    }
  }
  for (size_t I = 0; I < N; ++I) {
    if (!Types[I] || !Invalid[I].empty())
      continue;
    for (const std::string &Ref : Types[I]->autorequire(Views[I])) {
      int Dep = find(Ref);
      if (Dep < 0 || Dep == static_cast<int>(I) || !Types[Dep])
        continue;
      if (Explicit.count({Dep, static_cast<int>(I)}))
        continue;
      if (Explicit.count({static_cast<int>(I), Dep})) {
        Ctx.log(LogLevel::Debug, C.Resources[I].ref(),
                "Skipping automatic relationship with " +
                    C.Resources[Dep].ref());
        continue;
      }
      AddEdge(EndV[Dep], StartV[I]);
    }
  }
  // Compressed adjacency: the out-edges of vertex V are
  // Targets[Offsets[V] .. Offsets[V + 1]).
  Offsets.assign(Vertices.size() + 1, 0);
  for (const auto &[From, To] : EdgeList)
    ++Offsets[From + 1];
  for (size_t V = 0; V < Vertices.size(); ++V)
    Offsets[V + 1] += Offsets[V];
  Targets.resize(EdgeList.size());
  std::vector<int> Fill(Offsets.begin(), Offsets.end() - 1);
  for (const auto &[From, To] : EdgeList) {
    Targets[Fill[From]++] = To;
    ++Vertices[To].InDegree;
  }
  EdgeList.clear();
  EdgeList.shrink_to_fit();
}

std::string
Transaction::describeCycle(const std::vector<int> &Remaining) const {
  // Find one cycle among the vertices Kahn's algorithm could not order.
  std::unordered_set<int> Left(Remaining.begin(), Remaining.end());
  std::unordered_map<int, int> State; // 1 on stack, 2 done
  std::vector<int> Stack;
  std::vector<int> Cycle;
  std::function<bool(int)> Dfs = [&](int V) {
    State[V] = 1;
    Stack.push_back(V);
    for (int W : out(V)) {
      if (!Left.count(W))
        continue;
      if (State[W] == 1) {
        auto It = std::find(Stack.begin(), Stack.end(), W);
        Cycle.assign(It, Stack.end());
        Cycle.push_back(W);
        return true;
      }
      if (State[W] == 0 && Dfs(W))
        return true;
    }
    Stack.pop_back();
    State[V] = 2;
    return false;
  };
  for (int V : Remaining)
    if (State[V] == 0 && Dfs(V))
      break;
  std::vector<std::string> Names;
  for (int V : Cycle) {
    std::string Ref = displayRef(Vertices[V].Res);
    if (Names.empty() || Names.back() != Ref)
      Names.push_back(Ref);
  }
  return "(" + join(Names, " => ") + ")";
}

std::shared_ptr<const std::vector<std::string>>
Transaction::containersOf(int Res) {
  int P = Parent[Res];
  if (P < 0)
    return nullptr;
  auto &Cached = ContainerPaths[P];
  if (!Cached) {
    auto Path = std::make_shared<std::vector<std::string>>();
    if (auto Above = containersOf(P))
      *Path = *Above;
    const catalog::Resource &X = C.Resources[P];
    Path->push_back(X.Type == "Class" ? capitalizeSegments(X.Title) : X.ref());
    Cached = std::move(Path);
  }
  return Cached;
}

bool Transaction::tagged(const catalog::Resource &Res) const {
  if (O.Tags.empty())
    return true;
  for (const std::string &Want : O.Tags)
    if (std::find(Res.Tags.begin(), Res.Tags.end(), StringRef(Want).lower()) !=
        Res.Tags.end())
      return true;
  return false;
}

void Transaction::evaluate(int Res, int FailedCause) {
  bool DependencyFailed = FailedCause >= 0;
  const catalog::Resource &X = C.Resources[Res];
  ResourceType *Ty = Types[Res];
  ResourceStatus S;
  S.Source = &X;
  S.Containers = containersOf(Res);
  auto Start = std::chrono::steady_clock::now();
  Ctx.Current = &X;
  bool Noop = O.Noop || Views[Res].boolean("noop").value_or(false);
  ResourceRun Run(Views[Res], Ctx, S, Noop);
  if (Ty)
    S.ProviderUsed = Ty->provider(Views[Res]);
  if (!Invalid[Res].empty()) {
    Run.fail(Invalid[Res]);
  } else if (DependencyFailed) {
    S.Skipped = true;
    Run.log(LogLevel::Notice,
            "Dependency " + displayRef(FailedCause) + " has failures: true");
    Run.log(LogLevel::Warning, "Skipping because of failed dependencies");
  } else if (!tagged(X) && Ty) {
    S.Skipped = true;
  } else if (Ty) {
    Ty->sync(Run);
    int Events = PendingRefresh[Res];
    // A service that its own ensure just started needs no restart: Puppet
    // drops the queued refresh silently.
    bool JustStarted =
        std::any_of(S.Events.begin(), S.Events.end(), [](const Event &E) {
          return E.Status == "success" && E.Name == "service_started";
        });
    if (Events > 0 && !S.Failed && Ty->refreshable() && !JustStarted) {
      std::string Msg =
          std::to_string(Events) + (Events == 1 ? " event" : " events");
      if (Noop) {
        Run.log(LogLevel::Notice, "Would have triggered 'refresh' from " + Msg);
      } else {
        Ty->refresh(Run);
        if (S.Failed)
          S.FailedToRestart = true;
        S.Restarted = !S.FailedToRestart;
        // Logged once the refresh went well, as Puppet does; a failure is
        // the type's "Failed to call refresh: ..." instead.
        if (S.Restarted)
          Run.log(LogLevel::Notice, "Triggered 'refresh' from " + Msg);
      }
    }
  }
  Failed[Res] = S.Failed || (S.Skipped && DependencyFailed);
  // Events flow to what this resource, or anything containing it, notifies.
  int Successes = 0, Noops = 0;
  for (const Event &E : S.Events) {
    Successes += E.Status == "success";
    Noops += E.Status == "noop";
  }
  if (Successes + Noops > 0) {
    // In noop, each container hears of its direct children's events (a
    // container that would have refreshed passes one event up).
    if (Noops > 0 && Parent[Res] >= 0)
      NoopEventsInside[Parent[Res]] += Noops;
    for (int I = Res; I >= 0; I = Parent[I]) {
      for (int Target : RefreshTargets[I]) {
        std::vector<int> Leaves;
        leavesOf(Target, Leaves);
        for (int L : Leaves)
          PendingRefresh[L] += Successes + Noops;
      }
    }
  }
  if (O.Previous && O.Previous->unchanged(X))
    for (Event &E : S.Events)
      E.CorrectiveChange = E.Status == "success" || E.Status == "noop";
  if (O.Next && Ty && !S.Failed && !S.Skipped)
    O.Next->record(X);
  S.EvaluationTime = secondsSince(Start);
  if (Ty)
    TypeTimes[Ty->name().str()] += S.EvaluationTime;
  Ctx.Current = nullptr;
  R.ResourceStatuses.push_back(std::move(S));
}

Report Transaction::run() {
  R.Noop = O.Noop;
  R.ConfigurationVersion = C.Version;
  R.CatalogUuid = C.CatalogUuid;
  R.Environment = C.Environment;
  R.Host = C.Name;
  auto Start = std::chrono::steady_clock::now();
  index();
  buildGraph();
  size_t N = C.Resources.size();
  R.ResourceStatuses.reserve(N);
  PendingRefresh.assign(N, 0);
  NoopEventsInside.assign(N, 0);
  Failed.assign(N, false);

  // Kahn's algorithm; among ready vertices, manifest order (whits first).
  using Item = std::pair<int, int>; // priority, vertex
  std::priority_queue<Item, std::vector<Item>, std::greater<>> Ready;
  std::vector<int> InDegree(Vertices.size());
  for (size_t V = 0; V < Vertices.size(); ++V) {
    InDegree[V] = Vertices[V].InDegree;
    if (InDegree[V] == 0)
      Ready.push({Vertices[V].Priority, static_cast<int>(V)});
  }
  std::vector<int> Order;
  Order.reserve(Vertices.size());
  while (!Ready.empty()) {
    int V = Ready.top().second;
    Ready.pop();
    Order.push_back(V);
    for (int W : out(V))
      if (--InDegree[W] == 0)
        Ready.push({Vertices[W].Priority, W});
  }
  if (Order.size() != Vertices.size()) {
    std::vector<int> Remaining;
    for (size_t V = 0; V < Vertices.size(); ++V)
      if (InDegree[V] > 0)
        Remaining.push_back(static_cast<int>(V));
    Ctx.log(LogLevel::Err, "Puppet",
            "Found 1 dependency cycle:\n" + describeCycle(Remaining));
    Ctx.log(LogLevel::Err, "Puppet",
            "Failed to apply catalog: One or more resource dependency cycles "
            "detected in graph");
    R.TransactionCompleted = false;
    return std::move(R);
  }

  // Prefetch: each type reads the state of all its resources in one go.
  std::map<ResourceType *, std::vector<const ResourceView *>> ByType;
  for (size_t I = 0; I < N; ++I)
    if (Types[I] && Invalid[I].empty() && tagged(C.Resources[I]))
      ByType[Types[I]].push_back(&Views[I]);
  for (auto &[Ty, Views] : ByType)
    Ty->prefetch(Views, Ctx);

  for (int V : Order) {
    Vertex &Vx = Vertices[V];
    // A failure upstream (or a skip because of one) stops everything after.
    auto Propagate = [&](int Cause) {
      for (int W : out(V))
        if (Vertices[W].FailedCause < 0)
          Vertices[W].FailedCause = Cause;
    };
    if (Vx.FailedCause >= 0)
      Propagate(Vx.FailedCause);
    if (Types[Vx.Res]) {
      evaluate(Vx.Res, Vx.FailedCause);
      if (Failed[Vx.Res])
        Propagate(Vx.FailedCause >= 0 ? Vx.FailedCause : Vx.Res);
      continue;
    }
    if (!Vx.End) {
      // Containers are in the report as Puppet's components are.
      ResourceStatus S;
      const catalog::Resource &X = C.Resources[Vx.Res];
      S.Source = &X;
      S.Containers = containersOf(Vx.Res);
      if (!Invalid[Vx.Res].empty()) {
        Ctx.Current = &X;
        ResourceRun Run(Views[Vx.Res], Ctx, S, O.Noop);
        Run.fail(Invalid[Vx.Res]);
        Ctx.Current = nullptr;
        Propagate(Vx.Res);
      }
      R.ResourceStatuses.push_back(std::move(S));
    } else if (NoopEventsInside[Vx.Res] > 0) {
      int Events = NoopEventsInside[Vx.Res];
      if (Parent[Vx.Res] >= 0)
        ++NoopEventsInside[Parent[Vx.Res]];
      Ctx.log(LogLevel::Notice, displayRef(Vx.Res),
              "Would have triggered 'refresh' from " + std::to_string(Events) +
                  (Events == 1 ? " event" : " events"));
    }
  }
  for (const auto &[Type, Secs] : TypeTimes)
    R.addTime(Type, Secs);
  R.TransactionCompleted = true;
  R.addTime("transaction_evaluation", secondsSince(Start));
  return std::move(R);
}

} // namespace

namespace {
uint64_t fnv1a(StringRef S, uint64_t H = 14695981039346656037ULL) {
  for (unsigned char C : S) {
    H ^= C;
    H *= 1099511628211ULL;
  }
  return H;
}
} // namespace

uint64_t TransactionStore::refDigest(const catalog::Resource &R) {
  return fnv1a(R.Title, fnv1a("[", fnv1a(R.Type)));
}

uint64_t TransactionStore::paramDigest(const catalog::Resource &R) {
  return fnv1a(R.Parameters.dump());
}

void TransactionStore::record(const catalog::Resource &R) {
  Digests.emplace_back(refDigest(R), paramDigest(R));
}

bool TransactionStore::unchanged(const catalog::Resource &R) const {
  uint64_t Ref = refDigest(R);
  auto It = std::lower_bound(Digests.begin(), Digests.end(),
                             std::make_pair(Ref, uint64_t(0)));
  return It != Digests.end() && It->first == Ref &&
         It->second == paramDigest(R);
}

TransactionStore TransactionStore::load(StringRef Path) {
  TransactionStore S;
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return S;
  SmallVector<StringRef, 0> Lines;
  (*Buf)->getBuffer().split(Lines, '\n', -1, false);
  if (Lines.empty() || Lines[0] != "cppet-transactionstore 1")
    return S;
  for (StringRef L : ArrayRef<StringRef>(Lines).drop_front()) {
    auto [A, B] = L.split(' ');
    uint64_t Ref, Params;
    if (!A.getAsInteger(16, Ref) && !B.getAsInteger(16, Params))
      S.Digests.emplace_back(Ref, Params);
  }
  std::sort(S.Digests.begin(), S.Digests.end());
  return S;
}

Error TransactionStore::save(StringRef Path) const {
  std::vector<std::pair<uint64_t, uint64_t>> Sorted = Digests;
  std::sort(Sorted.begin(), Sorted.end());
  return writeFileAtomically(Path, 0600, [&](raw_ostream &OS) {
    OS << "cppet-transactionstore 1\n";
    for (const auto &[Ref, Params] : Sorted)
      OS << format_hex_no_prefix(Ref, 16) << " "
         << format_hex_no_prefix(Params, 16) << "\n";
  });
}

Report applyCatalog(std::shared_ptr<const catalog::Catalog> Catalog,
                    const ApplyOptions &Options) {
  Transaction T(*Catalog, Options);
  Report R = T.run();
  R.Catalog = std::move(Catalog);
  return R;
}

std::optional<std::string> ModuleFileFetcher::localPath(StringRef Source) {
  StringRef Rest = Source;
  if (!Rest.consume_front("puppet:///") && !Rest.consume_front("puppet://"))
    return std::nullopt;
  if (!Source.startswith("puppet:///")) {
    // puppet://server/modules/...: the server is ignored masterless.
    size_t Slash = Rest.find('/');
    if (Slash == StringRef::npos)
      return std::nullopt;
    Rest = Rest.drop_front(Slash + 1);
  }
  if (!Rest.consume_front("modules/"))
    return std::nullopt;
  auto [Module, Path] = Rest.split('/');
  if (Module.empty() || Path.contains(".."))
    return std::nullopt;
  for (const std::string &Dir : ModulePath) {
    std::string Candidate = Dir + "/" + Module.str() + "/files/" + Path.str();
    if (sys::fs::exists(Candidate))
      return Candidate;
  }
  return std::nullopt;
}

Expected<std::string> ModuleFileFetcher::content(StringRef Source) {
  std::optional<std::string> Path = localPath(Source);
  if (!Path)
    return createStringError(inconvertibleErrorCode(),
                             "Could not retrieve information from "
                             "environment production source(s) " +
                                 Source);
  auto Buf = MemoryBuffer::getFile(*Path, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return createStringError(Buf.getError(), "could not read " + *Path);
  return (*Buf)->getBuffer().str();
}

} // namespace cppet::apply
