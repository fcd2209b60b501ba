#include "traces/trace_file.h"

#include <algorithm>

#include "model/lock_graph.h"
#include "scenarios/scenario_loader.h"
#include "traces/sha256.h"
#include "traces/strategy_names.h"

namespace resvcheck::traces {
namespace {

using scenarios::Json;
using scenarios::JsonReader;
using scenarios::Pointer;
using scenarios::Problem;

OrderedJson schedule_json(const sched::Schedule& schedule) {
  OrderedJson out = OrderedJson::array();
  for (const sched::Decision& d : schedule) {
    if (d.kind == sched::Decision::Kind::thread)
      out.push_back({{"thread", d.value}});
    else
      out.push_back({{"inject", d.tag}, {"value", d.value}});
  }
  return out;
}

std::string edge_text(std::string_view key) {
  const auto edge = model::parse_lock_edge_key(key);
  return edge ? edge->first + " -> " + edge->second : std::string(key);
}

/// lock_order: every edge of the cycle, each with its witness (or primed at boot).
OrderedJson cycle_json(const scenarios::CheckResult& r) {
  OrderedJson out = OrderedJson::array();
  const model::LockGraph graph(r.exploration.observations);
  const auto cycles = graph.cycles();
  if (cycles.empty()) return out;
  for (const model::LockEdge& e : graph.edges()) {
    if (!model::on_cycle(cycles.front(), e)) continue;
    OrderedJson edge = {{"from", e.from}, {"to", e.to}, {"primed", e.primed}};
    if (e.seen) {
      edge["preemptions"] = e.seen->preemptions;
      edge["steps"] = e.seen->steps;
      edge["schedule"] = schedule_json(e.seen->witness);
    }
    out.push_back(std::move(edge));
  }
  return out;
}

OrderedJson finding_json(const scenarios::CheckResult& r, size_t i) {
  const sched::KindSummary& k = r.exploration.findings[i];
  const scenarios::WitnessReplay& w = r.witnesses[i];
  OrderedJson finding = {{"kind", sched::finding_kind_name(k.kind)},
                         {"message", k.finding.message},
                         {"step", w.step.value_or(0)},
                         {"threads", k.thread_names}};
  if (k.kind == sched::FindingKind::lock_order) {
    finding["edge"] = edge_text(w.edge);
    finding["cycle"] = cycle_json(r);
  }
  return finding;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

/// The options object, with the scenario's own injections listed.
OrderedJson options_json(const TraceOptions& o, const Json& source) {
  OrderedJson inject = OrderedJson::array();
  if (source.contains("inject") && source["inject"].is_array())
    for (const Json& name : source["inject"]) inject.push_back(OrderedJson::parse(name.dump()));
  return {{"strategy", strategy_name(o.strategy)},
          {"preemptions", o.preemptions ? OrderedJson(*o.preemptions) : OrderedJson(nullptr)},
          {"max_steps", o.max_steps},
          {"inject", inject}};
}

// Reading back.

class TraceReader {
 public:
  explicit TraceReader(std::vector<Problem>& problems) : problems_(problems), r_(problems) {}

  std::optional<Trace> read(const Json& doc, const OrderedJson& ordered) {
    if (!r_.object(doc, Pointer(), "a resvcheck trace (a JSON object)")) return std::nullopt;
    const Json format = doc.value("format", Json());
    if (format != "resvcheck-trace") {
      r_.expected(Pointer("/format"), "\"resvcheck-trace\"", format);
      return std::nullopt;
    }
    const Json version = doc.value("format_version", Json());
    if (version != kTraceFormatVersion) {
      r_.expected(Pointer("/format_version"),
                  "1 (this resvcheck reads trace format 1; replay the trace with the resvcheck "
                  "that wrote it)",
                  version);
      return std::nullopt;
    }
    r_.known_keys(doc, Pointer(),
                  {"format", "format_version", "scenario", "version", "options", "schedule",
                   "finding", "steps"});
    Trace t;
    read_scenario(doc, t);
    read_version(doc, t);
    read_options(doc, t);
    read_schedule(doc, t);
    read_finding(doc, t);
    if (ordered.contains("steps") && ordered["steps"].is_array())
      t.steps = ordered["steps"];
    else
      r_.missing(Pointer("/steps"), "the array of steps");
    if (!problems_.empty()) return std::nullopt;
    return t;
  }

 private:
  const Json* member(const Json& doc, const char* key, std::string_view what) {
    if (!doc.contains(key)) {
      r_.missing(Pointer("/" + std::string(key)), what);
      return nullptr;
    }
    return &doc[key];
  }

  void read_scenario(const Json& doc, Trace& t) {
    const Json* s = member(doc, "scenario", "the embedded scenario {name, sha256, source}");
    if (s == nullptr || !r_.object(*s, Pointer("/scenario"), "an object {name, sha256, source}"))
      return;
    r_.known_keys(*s, Pointer("/scenario"), {"name", "sha256", "source"});
    if (!s->contains("source") || !(*s)["source"].is_object()) {
      r_.expected(Pointer("/scenario/source"), "the scenario JSON (an object)",
                  s->value("source", Json()));
      return;
    }
    const Json& source = (*s)["source"];
    const auto sha = r_.string(s->value("sha256", Json()), Pointer("/scenario/sha256"),
                               "the SHA-256 of the source");
    if (!sha) return;
    const std::string actual = scenario_hash(source);
    if (*sha != actual) {
      r_.fail(Pointer("/scenario/sha256"),
              "the embedded scenario was edited after the trace was written (its SHA-256 is " +
                  actual + ", the trace records " + *sha +
                  "); re-run `resvcheck check` on the edited scenario for a new trace");
      return;
    }
    scenarios::LoadResult loaded = scenarios::load_scenario(source.dump());
    for (const Problem& p : loaded.problems)
      r_.fail(Pointer("/scenario/source" + p.where), p.message);
    if (loaded.scenario) t.scenario = std::move(*loaded.scenario);
  }

  void read_version(const Json& doc, Trace& t) {
    const Json* v = member(doc, "version", "a helper version");
    if (v == nullptr) return;
    const auto parsed = v->is_string() ? model::parse_version(v->get<std::string>()) : std::nullopt;
    if (!parsed) {
      r_.expected(Pointer("/version"), "one of v6.4, v6.5, v6.10, v6.16", *v);
      return;
    }
    t.version = *parsed;
  }

  void read_options(const Json& doc, Trace& t) {
    const Json* o = member(doc, "options", "the options object");
    if (o == nullptr || !r_.object(*o, Pointer("/options"), "an object")) return;
    r_.known_keys(*o, Pointer("/options"), {"strategy", "preemptions", "max_steps", "inject"});
    const Json strategy = o->value("strategy", Json());
    const auto s =
        strategy.is_string() ? parse_strategy(strategy.get<std::string>()) : std::nullopt;
    if (s)
      t.options.strategy = *s;
    else
      r_.expected(Pointer("/options/strategy"), "dpor, dfs, random or pct", strategy);
    const Json preemptions = o->value("preemptions", Json());
    if (!preemptions.is_null())
      if (auto n = r_.integer(preemptions, Pointer("/options/preemptions"), 0, 64))
        t.options.preemptions = static_cast<uint32_t>(*n);
    if (auto n =
            r_.integer(o->value("max_steps", Json()), Pointer("/options/max_steps"), 1, UINT32_MAX))
      t.options.max_steps = static_cast<uint32_t>(*n);
  }

  void read_schedule(const Json& doc, Trace& t) {
    const Json* s = member(doc, "schedule", "the array of decisions");
    if (s == nullptr || !r_.array(*s, Pointer("/schedule"), "an array of decisions")) return;
    for (size_t i = 0; i < s->size(); ++i) {
      const Json& d = (*s)[i];
      const Pointer at("/schedule/" + std::to_string(i));
      if (!r_.object(d, at, "{\"thread\": N} or {\"inject\": NAME, \"value\": N}")) continue;
      if (d.contains("thread")) {
        r_.known_keys(d, at, {"thread"});
        if (auto n = r_.integer(d["thread"], at / "thread", 0, sched::kSetupThread - 1))
          t.schedule.push_back(sched::Decision::thread(static_cast<sched::ThreadId>(*n)));
      } else {
        r_.known_keys(d, at, {"inject", "value"});
        const auto tag = r_.string(d.value("inject", Json()), at / "inject", "a choice name");
        const auto value = r_.integer(d.value("value", Json()), at / "value", 0, UINT32_MAX);
        if (tag && value)
          t.schedule.push_back(
              sched::Decision::choice(static_cast<uint32_t>(*value), t.tags.emplace_back(*tag)));
      }
    }
  }

  void read_finding(const Json& doc, Trace& t) {
    const Json* f = member(doc, "finding", "the finding {kind, message, step, threads}");
    if (f == nullptr || !r_.object(*f, Pointer("/finding"), "an object")) return;
    r_.known_keys(*f, Pointer("/finding"), {"kind", "message", "step", "threads", "edge", "cycle"});
    const Json kind = f->value("kind", Json());
    const auto k =
        kind.is_string() ? sched::parse_finding_kind(kind.get<std::string>()) : std::nullopt;
    if (k)
      t.kind = *k;
    else
      r_.expected(Pointer("/finding/kind"), "a finding kind (resvcheck explain lists them)", kind);
    t.message = r_.string(f->value("message", Json()), Pointer("/finding/message"), "a message")
                    .value_or("");
    if (auto step = r_.integer(f->value("step", Json()), Pointer("/finding/step"), 0, UINT32_MAX))
      t.step = static_cast<uint32_t>(*step);
    if (t.kind == sched::FindingKind::lock_order) {
      const auto edge = r_.string(f->value("edge", Json()), Pointer("/finding/edge"),
                                  "the witnessed edge \"A -> B\"");
      const size_t arrow = edge ? edge->find(" -> ") : std::string::npos;
      if (arrow != std::string::npos)
        t.edge = model::lock_edge_key(edge->substr(0, arrow), edge->substr(arrow + 4));
      else if (edge)
        r_.expected(Pointer("/finding/edge"), "\"A -> B\"", *edge);
    }
  }

  std::vector<Problem>& problems_;
  JsonReader r_;
};

}  // namespace

std::string trace_path(std::string_view dir, std::string_view scenario, model::Version version,
                       sched::FindingKind kind) {
  std::string path(dir);
  if (!path.empty() && path.back() != '/') path += '/';
  return path + std::string(scenario) + "." + std::string(model::version_name(version)) + "." +
         std::string(sched::finding_kind_name(kind)) + ".json";
}

std::string scenario_hash(const Json& source) { return sha256_hex(source.dump()); }

OrderedJson steps_json(const sched::ReplayResult& run, std::optional<uint32_t> last) {
  OrderedJson out = OrderedJson::array();
  for (size_t i = 0; i < run.steps.size() && (!last || i <= *last); ++i) {
    const sched::StepRecord& s = run.steps[i];
    OrderedJson step = {{"step", i}, {"thread", run.thread_names[s.thread]}};
    if (s.setup) step["setup"] = true;
    step["call"] = s.calls.empty() ? "" : s.calls.back();
    step["event"] = std::string(sched::access_name(s.event.access)) + " " + s.object;
    step["detail"] = joined(s.notes);
    step["held"] = s.held;
    out.push_back(std::move(step));
  }
  return out;
}

std::string trace_text(const scenarios::CheckResult& r, size_t i, const Json& source,
                       const TraceOptions& options) {
  const sched::KindSummary& k = r.exploration.findings[i];
  const OrderedJson trace = {
      {"format", "resvcheck-trace"},
      {"format_version", kTraceFormatVersion},
      {"scenario",
       {{"name", r.scenario},
        {"sha256", scenario_hash(source)},
        {"source", OrderedJson::parse(source.dump())}}},
      {"version", model::version_name(r.version)},
      {"options", options_json(options, source)},
      {"schedule", schedule_json(k.witness)},
      {"finding", finding_json(r, i)},
      {"steps", steps_json(r.witnesses[i].run)},
  };
  return trace.dump(1) + "\n";
}

TraceLoad load_trace(std::string_view text) {
  TraceLoad out;
  const auto doc = scenarios::parse_json(text, 256, out.problems);
  if (!doc || !out.problems.empty()) return out;
  const OrderedJson ordered = OrderedJson::parse(text);
  TraceReader reader(out.problems);
  out.trace = reader.read(*doc, ordered);
  return out;
}

}  // namespace resvcheck::traces
