#include "analytics/indicators.h"

#include <algorithm>
#include <functional>
#include <set>

#include "analytics/elements.h"

namespace zx::analytics {
namespace {

struct Builtin {
  const char* id;
  const char* name;
  const char* name_en;
  const char* module;
  const char* unit;
  bool higher;
  const char* formula;
  const char* definition;
};

const Builtin kBuiltins[] = {
    {"presence.within_rate", "村内打卡率", "Check-ins inside the village", "presence", "%", true,
     "#{checkins.within} / #{checkins.count} * 100", "期间内在村界范围内的打卡次数 ÷ 全部打卡次数"},
    {"presence.days_per_cadre", "人均在村天数", "Days in village per cadre", "presence", "天", true,
     "#{checkins.person_days} / #{dispatch.in_post}", "期间内在村人天（每人每天有一次村内打卡计一天）÷ 期末在岗驻村干部"},
    {"dispatch.coverage", "驻村干部覆盖率", "Villages with a stationed cadre", "presence", "%", true,
     "#{dispatch.villages_covered} / #{regions.villages} * 100", "有在岗驻村干部的行政村 ÷ 行政村总数"},
    {"visits.coverage", "走访覆盖率", "Visit coverage", "households", "%", true,
     "#{visits.households_visited} / #{households.total} * 100", "期间内至少走访一次的农户 ÷ 在册农户"},
    {"visits.satisfaction", "群众满意度", "Satisfaction", "households", "%", true,
     "(#{visits.satisfied} + #{visits.basic}) / #{visits.count} * 100", "期间内回答“满意”或“基本满意”的走访 ÷ 全部走访"},
    {"visits.per_household", "户均走访次数", "Visits per household", "households", "次", true,
     "#{visits.count} / #{households.total}", "期间内走访次数 ÷ 在册农户"},
    {"households.monitored_share", "监测对象占比", "Share of households under monitoring", "households", "%", false,
     "#{households.monitored} / #{households.total} * 100", "监测对象户 ÷ 在册农户"},
    {"party_orgs.weak_share", "软弱涣散党组织比例", "Share of weak or backward organizations", "party_orgs", "%", false,
     "#{party_orgs.weak} / #{party_orgs.rated} * 100", "当年定为软弱涣散（后进）的村党组织 ÷ 已定级的村党组织"},
    {"rectification.transformed_rate", "整顿转化率", "Rectification cases transformed", "party_orgs", "%", true,
     "#{rectification.transformed} / #{rectification.cases} * 100", "已转化的整顿对象 ÷ 整顿对象"},
    {"reserve.per_village", "村均后备力量", "Reserve cadres per village", "party_orgs", "人", true,
     "#{reserve.total} / #{regions.villages}", "村级后备力量 ÷ 行政村数"},
    {"income.share_50k", "集体经济收入5万元以上村占比", "Villages at 50,000 yuan or more", "economy", "%", true,
     "#{income.villages_50k} / #{regions.villages} * 100", "当年集体经济收入 5 万元以上的村 ÷ 行政村数"},
    {"income.share_100k", "集体经济收入10万元以上村占比", "Villages at 100,000 yuan or more", "economy", "%", true,
     "#{income.villages_100k} / #{regions.villages} * 100", "当年集体经济收入 10 万元以上的村 ÷ 行政村数"},
    {"income.per_village", "村均集体经济收入", "Collective income per village", "economy", "元", true,
     "#{income.total} / #{regions.villages}", "村集体经济收入合计 ÷ 行政村数"},
    {"training.per_cadre", "村干部人均参训", "Training attendances per village cadre", "training", "人次", true,
     "#{training.attended} / #{village_cadres.total}", "期间内实到参训人次 ÷ 在任村“两委”干部"},
    {"tasks.done_rate", "任务办结率", "Tasks closed", "tasks", "%", true, "#{tasks.done} / #{tasks.received} * 100",
     "已办结的任务接收 ÷ 收到的任务"},
    {"findings.closed_rate", "问题销号率", "Findings closed", "supervision", "%", true,
     "#{findings.closed} / #{findings.count} * 100", "期间内发现且已销号的问题 ÷ 期间内发现的问题"},
};

std::string ModuleOfElement(const std::string& id) {
  static const std::map<std::string, std::string> kModules = {
      {"checkins", "presence"},   {"dispatch", "presence"},       {"regions", "regions"},
      {"visits", "households"},   {"households", "households"},   {"follow_ups", "households"},
      {"party_orgs", "party_orgs"}, {"rectification", "party_orgs"}, {"reserve", "party_orgs"},
      {"village_cadres", "training"}, {"income", "economy"},        {"training", "training"},
      {"tasks", "tasks"},         {"findings", "supervision"}};
  auto it = kModules.find(id.substr(0, id.find('.')));
  return it == kModules.end() ? "other" : it->second;
}

// Numerator and denominator of "a / b * 100" or "a / b" shaped formulas, for the catalogue.
void SplitRatio(const std::string& formula, std::string* num, std::string* den) {
  auto slash = formula.find(" / ");
  if (slash == std::string::npos) return;
  *num = formula.substr(0, slash);
  std::string rest = formula.substr(slash + 3);
  if (auto times = rest.find(" * 100"); times != std::string::npos) rest = rest.substr(0, times);
  *den = rest;
}

}  // namespace

Catalogue::Catalogue() {
  for (const auto& e : Elements()) {
    if (e.internal) continue;
    auto d = std::make_shared<IndicatorDef>();
    d->id = e.id;
    d->name = e.name_zh;
    d->name_en = e.name_en;
    d->module = ModuleOfElement(e.id);
    d->unit = e.unit;
    d->higher_is_better = e.id != "follow_ups.open" && e.id != "party_orgs.weak" && e.id != "findings.count" &&
                          e.id != "households.monitored" && e.id != "visits.unsatisfied";
    d->definition = e.temporal == Temporal::kFlow ? "期间内发生数（按记录日期）" : "截至期末的在册数";
    d->formula = *Formula::Parse("#{" + e.id + "}");
    d->is_element = true;
    by_id_[d->id] = d;
  }
  for (const auto& b : kBuiltins) {
    auto d = std::make_shared<IndicatorDef>();
    d->id = b.id;
    d->name = b.name;
    d->name_en = b.name_en;
    d->module = b.module;
    d->unit = b.unit;
    d->higher_is_better = b.higher;
    d->definition = b.definition;
    d->formula = *Formula::Parse(b.formula);
    SplitRatio(b.formula, &d->numerator, &d->denominator);
    by_id_[d->id] = d;
  }
}

std::shared_ptr<const IndicatorDef> Catalogue::Find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const IndicatorDef>> Catalogue::All() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::shared_ptr<const IndicatorDef>> out;
  for (const auto& [id, d] : by_id_) out.push_back(d);
  return out;
}

bool Catalogue::Known(const std::string& name) const { return by_id_.count(name) > 0; }

Status Catalogue::Validate(const IndicatorDef& def) const {
  const std::string& id = def.id;
  bool id_ok = id.size() >= 3 && id.size() <= 64 && id.find('.') != std::string::npos &&
               std::all_of(id.begin(), id.end(), [](char c) {
                 return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
               });
  if (!id_ok) return Status::InvalidArgument("指标编码应为小写字母、数字、下划线，并含一个点，如 custom.poor_visit_rate", "id");
  if (def.name.empty() || def.name.size() > 200) return Status::InvalidArgument("请填写指标名称（200 字以内）", "name");
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = by_id_.find(id); it != by_id_.end() && it->second->builtin)
    return Status::Conflict("内置指标 " + id + " 不能修改", "id");
  for (const auto& ref : def.formula.references()) {
    if (ref == id) return Status::InvalidArgument("公式引用了指标自身 #{" + ref + "}", "formula");
    if (!Known(ref)) return Status::InvalidArgument("公式引用了不存在的数据项或指标 #{" + ref + "}", "formula");
  }
  // A cycle through other user-defined indicators: follow references from this formula.
  std::set<std::string> seen;
  std::function<bool(const std::string&)> reaches_self = [&](const std::string& name) -> bool {
    if (name == id) return true;
    if (!seen.insert(name).second) return false;
    auto it = by_id_.find(name);
    if (it == by_id_.end()) return false;
    for (const auto& r : it->second->formula.references())
      if (reaches_self(r)) return true;
    return false;
  };
  for (const auto& ref : def.formula.references())
    if (reaches_self(ref)) return Status::InvalidArgument("公式形成循环引用：#{" + ref + "} 又引用了 " + id, "formula");
  return Status::Ok();
}

void Catalogue::Put(IndicatorDef def) {
  def.builtin = false;
  def.module = "custom";
  if (def.numerator.empty()) SplitRatio(def.formula.text(), &def.numerator, &def.denominator);
  std::string id = def.id;  // the right side of the assignment runs first and moves def
  std::lock_guard<std::mutex> lock(mu_);
  by_id_[id] = std::make_shared<IndicatorDef>(std::move(def));
}

Status Catalogue::Remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return Status::NotFound("指标 " + id + " 不存在");
  if (it->second->builtin) return Status::Conflict("内置指标不能删除", "id");
  for (const auto& [other, d] : by_id_) {
    const auto& refs = d->formula.references();
    if (other != id && std::find(refs.begin(), refs.end(), id) != refs.end())
      return Status::Conflict("指标 " + other + " 引用了 " + id + "，请先修改或删除它", "id");
  }
  by_id_.erase(it);
  return Status::Ok();
}

}  // namespace zx::analytics
