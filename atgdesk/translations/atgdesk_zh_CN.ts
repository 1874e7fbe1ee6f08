<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../ui/about.py" line="+42"/>
        <source>About ATG Desk</source>
        <translation>关于 ATG Desk</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>An offline reference on anti-thymocyte globulin for transplant physicians, haematologists and clinical pharmacists: an evidence library and a dose/exposure calculator. It makes no network connection.</source>
        <translation>面向移植医生、血液科医生和临床药师的抗胸腺细胞球蛋白（ATG）离线参考工具：包括证据文献库和剂量/暴露量计算器。本程序不进行任何网络连接。</translation>
    </message>
</context>
<context>
    <name>AboutInfo</name>
    <message>
        <location line="-26"/>
        <source>Evidence data {0} ({1} studies · {3} dosing &amp; PK references, content hash {2})</source>
        <translation>证据数据 {0}（{1} 项研究 · {3} 篇给药与药代动力学参考文献，内容哈希 {2}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence data: not available</source>
        <translation>证据数据：不可用</translation>
    </message>
</context>
<context>
    <name>BoundSlider</name>
    <message>
        <location filename="../ui/calc_inputs.py" line="+111"/>
        <source>{0} slider</source>
        <translation>{0}滑块</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>{0}: {1} is not a finite number — refused.</source>
        <translation>{0}：{1} 不是有限数值 — 未接受。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}: {1} refused — must be between {2} and {3}{4}. Kept {5}.</source>
        <translation>{0}：{1} 未接受 — 必须在 {2} 至 {3} 之间{4}。保留 {5}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} {1} is outside {2}–{3}{4}: predictions are extrapolated.</source>
        <translation>{0} {1} 超出 {2}–{3}{4}：预测为外推结果。</translation>
    </message>
</context>
<context>
    <name>CalculatorPresenter</name>
    <message>
        <location filename="../present/calculator.py" line="+68"/>
        <source>aim for</source>
        <translation>目标范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stay at or below</source>
        <translation>应不高于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stay at or above</source>
        <translation>应不低于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>harmful, avoid</source>
        <translation>有害，应避免</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reference band</source>
        <translation>参考区间</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the study did not name the ATG product; the model is for {0} (products are never compared with each other)</source>
        <translation>研究未注明 ATG 产品；该模型针对 {0}（不同产品之间绝不互相比较）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>measured with {0}; the model is for {1} (products are never compared with each other)</source>
        <translation>以 {0} 测得；该模型针对 {1}（不同产品之间绝不互相比较）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>measured as {0} ATG; the model predicts {1} ATG</source>
        <translation>测定的是 {0} ATG；该模型预测的是 {1} ATG</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>measured with another assay ({0}); the model&apos;s levels are {1}</source>
        <translation>以另一种检测方法测得（{0}）；该模型的浓度基于 {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in other units ({0}); the model predicts {1}</source>
        <translation>单位不同（{0}）；该模型预测的单位为 {1}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{citation} {ids} [{confidence}]. Population: {population}. Outcome: {outcome}.</source>
        <translation>{citation} {ids} [{confidence}]。人群：{population}。结局：{outcome}。（人群与结局按出处原文显示，为英文。）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not comparable: {0}</source>
        <translation>不可比较：{0}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No prediction to compare.</source>
        <translation>没有可比较的预测。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+14"/>
        <source>Not compared — {0}.</source>
        <translation>未比较 — {0}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>probability of harm (exposure in the harmful range)</source>
        <translation>有害概率（暴露量处于有害范围）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>probability of exposure in this band</source>
        <translation>暴露量处于此区间的概率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>probability of target attainment</source>
        <translation>达标概率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Probability of harm (exposure in the harmful range)</source>
        <translation>有害概率（暴露量处于有害范围）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probability of exposure in this band</source>
        <translation>暴露量处于此区间的概率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probability of target attainment</source>
        <translation>达标概率</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0}: not available — {1}</source>
        <translation>{0}：不可用 — {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: computing…</source>
        <translation>{0}：计算中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}: {1} % of {2} virtual patients with these covariates (the model&apos;s between-patient variability)</source>
        <translation>{0}：具有这些协变量的 {2} 名虚拟患者中的 {1} %（依据模型的患者间变异）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no labelled maximum dose per day</source>
        <translation>说明书未规定每日最大剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no labelled maximum cumulative dose</source>
        <translation>说明书未规定最大累计剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no labelled required infusion time</source>
        <translation>说明书未规定最短输注时间</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Label limits for {0}: {1}.</source>
        <translation>{0} 的说明书限值：{1}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not checked: {0} (none in the cited labels).</source>
        <translation>未核对：{0}（所引说明书中均无）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>⛔ Refused: a dose is beyond a limit the label states (see the message above the plot).</source>
        <translation>⛔ 未接受：有一剂超出说明书规定的限值（见曲线图上方的提示）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ Beyond the label: see the flagged rows and the warnings.</source>
        <translation>⚠ 超出说明书：见已标记的行和警告。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no product facts, so no label limits</source>
        <translation>无产品资料，因此无说明书限值</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} (refused beyond)</source>
        <translation>{0}（超出即不予接受）</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Choose a setting and one of its targets to get a dose proposal.</source>
        <translation>请选择适用场景及其中一个目标，以获得剂量建议。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The dose finder maximises the probability of attaining an aim window; this target ({0}) is {1}, so no dose is proposed for it.</source>
        <translation>剂量建议以达到目标范围的概率最大为准；此目标（{0}）属于“{1}”，因此不对其建议剂量。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This target cannot be compared with the model, so no dose is proposed.</source>
        <translation>此目标不能与模型比较，因此不建议剂量。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The dose finder works on AUC targets.</source>
        <translation>剂量建议仅适用于 AUC 目标。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} has no between-patient variability: attainment, and so a proposal, cannot be computed.</source>
        <translation>{0} 没有患者间变异：无法计算达标概率，因此无法给出建议。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Every dose in the table is 0: there is nothing to scale.</source>
        <translation>表中每剂均为 0：无可按比例调整的剂量。</translation>
    </message>
    <message>
        <location line="-65"/>
        <location line="+96"/>
        <source>whole {0} mg vials per day</source>
        <translation>每日按整瓶（每瓶 {0} mg）</translation>
    </message>
    <message>
        <location line="-94"/>
        <location line="+97"/>
        <source>steps of {0} mg/kg per day (no cited vial size)</source>
        <translation>每日以 {0} mg/kg 为步长（无有出处的每瓶规格）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0} day</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} vial ({1} mg) a day = {2} mg/kg/day × {3}</source>
        <translation>每日 {0} 瓶（{1} mg）= {2} mg/kg/day × {3}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} vials ({1} mg) a day = {2} mg/kg/day × {3}</source>
        <translation>每日 {0} 瓶（{1} mg）= {2} mg/kg/day × {3}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} mg/kg/day × {1}</source>
        <translation>{0} mg/kg/day × {1}</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>No practical dose lies within the label limits for this weight.</source>
        <translation>对于此体重，没有可行剂量处于说明书限值之内。</translation>
    </message>
    <message>
        <location line="-209"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>half a {0} mg vial</source>
        <translation>半瓶（每瓶 {0} mg）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>half a step of {0} mg/kg</source>
        <translation>半个 {0} mg/kg 步长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dose on day {0} ({1} mg/kg, {2} mg at this weight) stays below {3} at every scale of the table within the label limits, so the table cannot be given in {4}: no dose is proposed. Change that day&apos;s dose or use the same dose every day.</source>
        <translation>第 {0} 天的剂量（{1} mg/kg，按此体重为 {2} mg）在说明书限值内无论将全表按何种比例缩放都低于{3}，因此该表无法按“{4}”给出：不提出剂量建议。请修改该日剂量，或每日使用相同剂量。</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>day {0}: {1} × {2} mg = {3} mg/kg</source>
        <translation>第 {0} 天：{1} × {2} mg = {3} mg/kg</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>day {0}: {1} mg/kg</source>
        <translation>第 {0} 天：{1} mg/kg</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Every practical dose is beyond a label limit: no dose is proposed.</source>
        <translation>所有可行剂量均超出说明书限值：不建议剂量。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Proposed ({0}): {1} — {2} {3} % (now {4} %); typical patient {5}.</source>
        <translation>建议（{0}）：{1} — {2} {3} %（当前 {4} %）；典型患者 {5}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ Beyond the label (see the warnings once applied).</source>
        <translation>⚠ 超出说明书（应用后见警告）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No dose in {0} reaches the current dose&apos;s {1} %: keeping the current dose is also an option.</source>
        <translation>按{0}，没有剂量能达到当前剂量的 {1} %：维持当前剂量也是一种选择。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each day of the table is rounded to the nearest whole vial on its own, so the days&apos; proportions are kept only as closely as whole vials allow.</source>
        <translation>表中每一天各自取整到最接近的整瓶，因此各天剂量之间的比例只能在整瓶允许的范围内尽量保持。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each day of the table is rounded to the nearest step on its own, so the days&apos; proportions are kept only as closely as the step allows.</source>
        <translation>表中每一天各自取整到最接近的步长，因此各天剂量之间的比例只能在步长允许的范围内尽量保持。</translation>
    </message>
    <message>
        <location line="+235"/>
        <source>none chosen</source>
        <translation>未选择</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>custom window {window} (post-HCT AUC)</source>
        <translation>自定义范围 {window}（移植后 AUC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user-defined, no source</source>
        <translation>用户自定义，无出处</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{bounds} — {setting}; {population} ({kind}: {outcome})</source>
        <translation>{bounds} — {setting}；{population}（{kind}：{outcome}）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cumulative {0} mg; no product facts for this product, so no vials are shown.</source>
        <translation>累计 {0} mg；此产品无产品资料，因此不显示瓶数。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0}: cumulative {1} mg = {2} mg/kg over {3} dose(s) at a dosing weight of {4} kg.</source>
        <translation>{0}：{3} 剂累计 {1} mg = {2} mg/kg，给药体重 {4} kg。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vials: {0} in total (each day opens its own); vial size from {1} ({2}), {3}</source>
        <translation>瓶数：共 {0} 瓶（每日单独开瓶）；每瓶规格来源：{1}（{2}），{3}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vials: not shown — no cited vial size for this product.</source>
        <translation>瓶数：不显示 — 此产品没有有出处的每瓶规格。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Dose arithmetic: {0}</source>
        <translation>剂量计算：{0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Dosing weight: {0} kg ({1})</source>
        <translation>给药体重：{0} kg（{1}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dosing weight: {0} kg</source>
        <translation>给药体重：{0} kg</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>computed for AUC targets only</source>
        <translation>仅针对 AUC 目标计算</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the model has no between-patient variability</source>
        <translation>该模型没有患者间变异</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Post-HCT AUC median {0} {1} (5–95th: {2}–{3}). Band: {4}–{5}th percentile (N = {6}) of virtual patients with these covariates, from the model&apos;s between-patient variability (residual assay error not included).</source>
        <translation>移植后 AUC 中位数 {0} {1}（第 5–95 百分位：{2}–{3}）。区间带：具有这些协变量的虚拟患者（N = {6}）的第 {4}–{5} 百分位，来自模型的患者间变异（不含检测残差）。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>d{day} {dose} mg/kg</source>
        <translation>第{day}天 {dose} mg/kg</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{dose} mg/kg × {days} d from day {first}, {weight} kg</source>
        <translation>{dose} mg/kg × {days} 天，自第 {first} 天起，{weight} kg</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Regimen</source>
        <translation>给药方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AUC pre ({0})</source>
        <translation>第 0 天前 AUC（{0}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AUC post ({0})</source>
        <translation>第 0 天后 AUC（{0}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AUC total ({0})</source>
        <translation>AUC 合计（{0}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below threshold</source>
        <translation>低于阈值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict (typical patient)</source>
        <translation>判定（典型患者）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model status</source>
        <translation>模型状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+12"/>
        <source>day {0}</source>
        <translation>第 {0} 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day {0} (&lt; {1})</source>
        <translation>第 {0} 天（&lt; {1}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not before day {0}</source>
        <translation>第 {0} 天前未低于阈值</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Refused (label limit): {0}</source>
        <translation>未接受（说明书限值）：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No PK model is available: only the dose arithmetic is shown.</source>
        <translation>没有可用的药代动力学模型：仅显示剂量计算。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model &apos;{0}&apos; describes {1}; it cannot predict {2}. Products are never converted into each other — choose a model for this product.</source>
        <translation>模型“{0}”描述的是 {1}，不能预测 {2}。不同产品之间绝不互相换算 — 请为此产品选择模型。</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+13"/>
        <source>No prediction: {0}</source>
        <translation>无预测结果：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the simulation gave no result.</source>
        <translation>模拟未得出结果。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No prediction.</source>
        <translation>无预测结果。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Computing the prediction for these inputs…</source>
        <translation>正在按这些输入计算预测…</translation>
    </message>
</context>
<context>
    <name>CalculatorView</name>
    <message>
        <location filename="../ui/calc_layout.py" line="+60"/>
        <source>Body weight</source>
        <translation>体重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height</source>
        <translation>身高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lymphocyte count before the first dose</source>
        <translation>首剂前淋巴细胞计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose per day</source>
        <translation>每日剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First dose on day (relative to HCT)</source>
        <translation>首剂日（相对于造血干细胞移植）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First infusion over</source>
        <translation>首次输注时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Later infusions over</source>
        <translation>后续输注时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threshold (day below)</source>
        <translation>阈值（低于阈值的日期）</translation>
    </message>
    <message>
        <location filename="../ui/calculator_view.py" line="+76"/>
        <source>Choose a setting…</source>
        <translation>选择适用场景…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the transplant setting to compare the prediction with its published targets.</source>
        <translation>请选择移植适用场景，以将预测结果与其已发表的目标比较。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a target of this setting.</source>
        <translation>请选择该适用场景的一个目标。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Model label</source>
        <translation>模型标注</translation>
    </message>
    <message>
        <location line="+626"/>
        <source>The prediction for these inputs is still being computed: suggest a dose when it is shown.</source>
        <translation>这些输入的预测仍在计算中：请在预测显示后再点“建议剂量”。</translation>
    </message>
    <message>
        <location filename="../ui/calc_layout.py" line="+134"/>
        <source>Model…</source>
        <translation>模型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equations, parameters, covariates, validity domain and source</source>
        <translation>方程、参数、协变量、适用范围和来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model description</source>
        <translation>模型说明</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting</source>
        <translation>适用场景</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Product, model, setting</source>
        <translation>产品、模型、适用场景</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Product</source>
        <translation>产品(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Setting</source>
        <translation>适用场景(&amp;S)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dose on</source>
        <translation>剂量计算依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual body weight</source>
        <translation>实际体重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ideal body weight (Devine)</source>
        <translation>理想体重（Devine 公式）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjusted body weight (IBW + 0.4 × excess)</source>
        <translation>校正体重（IBW + 0.4 × 超出部分）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sex (for ideal weight)</source>
        <translation>性别（用于理想体重）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Se&amp;x (for ideal weight)</source>
        <translation>性别（用于理想体重）(&amp;X)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 ×10⁹/L = 1000 cells/µL; the value is converted exactly when you switch</source>
        <translation>1 ×10⁹/L = 1000 个细胞/µL；切换单位时数值精确换算</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>⚠ beyond label</source>
        <translation>⚠ 超出说明书</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>Lymphocyte count unit</source>
        <translation>淋巴细胞计数单位</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Lymphocyte count &amp;unit</source>
        <translation>淋巴细胞计数单位(&amp;U)</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dose o&amp;n</source>
        <translation>剂量计算依据(&amp;N)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Free per-day ta&amp;ble instead</source>
        <translation>改用逐日自由表格(&amp;B)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Regimen</source>
        <translation>给药方案</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>label limits of the product</source>
        <translation>该产品说明书规定的限值</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Uncertainty band + PTA</source>
        <translation>不确定性区间 + 达标概率（PTA）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5–95th percentile of virtual patients with these covariates, and the probability of target attainment (Ctrl+B)</source>
        <translation>具有这些协变量的虚拟患者的第 5–95 百分位区间，以及目标达标概率（Ctrl+B）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Suggest a dose</source>
        <translation>建议剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The whole-vial daily dose with the highest probability of attaining the chosen aim window (2–3 candidates ranked)</source>
        <translation>达到所选目标范围概率最高的整瓶日剂量（列出 2–3 个候选方案并排序）</translation>
    </message>
    <message>
        <location filename="../ui/calc_export.py" line="+84"/>
        <location filename="../ui/calc_layout.py" line="+5"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../ui/calc_layout.py" line="+1"/>
        <source>Dosing note, plot or curve (Ctrl+Shift+E; Alt+Down opens the menu)</source>
        <translation>给药记录单、图或曲线（Ctrl+Shift+E；Alt+下箭头 打开菜单）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the scenario</source>
        <translation>导出方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dosing note (PDF)…</source>
        <translation>给药记录单（PDF）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plot as PNG…</source>
        <translation>图（PNG）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plot as SVG…</source>
        <translation>图（SVG）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Curve as CSV…</source>
        <translation>曲线（CSV）…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply the proposed dose</source>
        <translation>应用建议剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>proposed regimens, best attainment first</source>
        <translation>建议的给药方案，达标率最高者在前</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss the proposal</source>
        <translation>关闭建议</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>Dose arithmetic</source>
        <translation>剂量计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scenarios</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../ui/calculator_view.py" line="-599"/>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exposure map</source>
        <translation>暴露量图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured levels</source>
        <translation>实测浓度</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Dose table copied to the clipboard.</source>
        <translation>剂量表已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../present/plot_state.py" line="+69"/>
        <source>No PK model could be loaded: dose arithmetic only.</source>
        <translation>无法载入任何药代动力学模型：仅提供剂量计算。</translation>
    </message>
    <message>
        <location filename="../ui/calculator_view.py" line="+40"/>
        <source>hard limit of {0}</source>
        <translation>{0} 的硬性限值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the population the model describes</source>
        <translation>模型所描述的人群</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>{0} — the last valid table is still used.</source>
        <translation>{0} — 仍使用上一个有效的表。</translation>
    </message>
    <message>
        <location filename="../ui/calc_layout.py" line="+35"/>
        <location line="+4"/>
        <source>Computing the prediction</source>
        <translation>正在计算预测</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Computing the prediction for these inputs (this model is slow to simulate)…</source>
        <translation>正在按这些输入计算预测（此模型模拟较慢）…</translation>
    </message>
    <message>
        <location filename="../present/plot_state.py" line="+5"/>
        <location line="+2"/>
        <source>{0} model</source>
        <translation>{0}模型</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>{0}.  Model: {1} [{2}].</source>
        <translation>{0}。模型：{1} [{2}]。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — not for dosing decisions</source>
        <translation> — 不可用于给药决策</translation>
    </message>
    <message>
        <location filename="../ui/calculator_view.py" line="+121"/>
        <source>The prediction for these inputs is still being computed: pin it once it is shown.</source>
        <translation>这些输入的预测仍在计算中：显示后再固定。</translation>
    </message>
    <message>
        <location filename="../present/scenarios.py" line="+32"/>
        <source>Scenario {0}</source>
        <translation>方案 {0}</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Nothing to pin: there is no prediction.</source>
        <translation>无可固定内容：没有预测结果。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At most {0} scenarios can be pinned; unpin one first.</source>
        <translation>最多可固定 {0} 个方案；请先取消固定一个。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>A scenario name cannot be empty.</source>
        <translation>方案名称不能为空。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;{0}&apos; was not renamed</source>
        <translation>“{0}”未重命名</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Personal data is unavailable: scenarios cannot be saved.</source>
        <translation>个人数据不可用：无法保存方案。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;{0}&apos; was not saved</source>
        <translation>“{0}”未保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;{0}&apos; was not saved: {1}</source>
        <translation>“{0}”未保存：{1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved “{0}”.</source>
        <translation>已保存“{0}”。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Loaded “{0}”.</source>
        <translation>已载入“{0}”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;{0}&apos; was not deleted</source>
        <translation>“{0}”未删除</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../ui/calculator_view.py" line="+39"/>
        <source>your personal-data file is in use by another program; try again in a moment</source>
        <translation>您的个人数据文件正被其他程序使用；请稍后再试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>your personal data is read-only in this window</source>
        <translation>本窗口中您的个人数据为只读</translation>
    </message>
    <message>
        <location filename="../present/scenarios.py" line="-34"/>
        <source>{0}: {1}. The pinned scenario stays here.</source>
        <translation>{0}：{1}。已固定的方案保留在此处。</translation>
    </message>
    <message>
        <location filename="../ui/calculator_view.py" line="+12"/>
        <source>The pinned scenarios were not kept for the next start: the settings file cannot be written. Save the ones you need with Save.</source>
        <translation>已固定的方案未保留到下次启动：无法写入设置文件。请用“保存”保存您需要的方案。</translation>
    </message>
    <message>
        <location filename="../present/scenarios.py" line="+33"/>
        <source>Not pinned again (model missing or data unreadable): {0}.</source>
        <translation>未能重新固定（模型缺失或数据无法读取）：{0}。</translation>
    </message>
    <message>
        <location filename="../ui/calculator_view.py" line="+45"/>
        <source>Computing the percentile band…</source>
        <translation>正在计算百分位区间…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Uncertainty not available: {0}</source>
        <translation>不确定性不可用：{0}</translation>
    </message>
    <message>
        <location filename="../ui/calc_export.py" line="-46"/>
        <source>the prediction for these inputs is still being computed; export again once it is shown</source>
        <translation>这些输入的预测仍在计算中；显示后请再次导出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no prediction to export</source>
        <translation>没有可导出的预测</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Nothing was written: {0}</source>
        <translation>未写入任何内容：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Written {0}</source>
        <translation>已写入 {0}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Save the dosing note</source>
        <translation>保存给药记录单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the plot</source>
        <translation>保存图</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the curve</source>
        <translation>保存曲线</translation>
    </message>
    <message>
        <location filename="../ui/calculator_view.py" line="+112"/>
        <source>No prediction, so no dose can be proposed.</source>
        <translation>无预测结果，因此无法建议剂量。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Searching for the dose with the highest attainment…</source>
        <translation>正在搜索达标率最高的剂量…</translation>
    </message>
    <message>
        <location filename="../ui/calc_layout.py" line="+81"/>
        <source>Not applied.</source>
        <translation>未应用。</translation>
    </message>
    <message>
        <location filename="../ui/calculator_view.py" line="+13"/>
        <source>No proposal: {0}</source>
        <translation>无建议：{0}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The inputs changed after the dose was proposed, so the proposal was withdrawn. Press Suggest a dose again for these inputs.</source>
        <translation>剂量建议给出后输入已更改，因此该建议已撤回。请针对当前输入再次点“建议剂量”。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No map: {0}</source>
        <translation>无图：{0}</translation>
    </message>
    <message>
        <location filename="../present/plot_state.py" line="+21"/>
        <source>White line: lower bound, black dashed: upper bound of the target window. × = this patient.</source>
        <translation>白线：目标范围下限；黑色虚线：目标范围上限。× = 本患者。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a target window to draw it on the map. × = this patient.</source>
        <translation>选择目标范围以在图上绘制。× = 本患者。</translation>
    </message>
    <message>
        <location filename="../ui/calc_inputs.py" line="+27"/>
        <source>Regimen by day</source>
        <translation>逐日给药方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day</source>
        <translation>天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Infusion h</source>
        <translation>输注小时</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add day</source>
        <translation>添加一天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove day</source>
        <translation>删除一天</translation>
    </message>
</context>
<context>
    <name>CitationTableModel</name>
    <message>
        <location filename="../ui/citation_model.py" line="+80"/>
        <source>(title not recorded in the data files)</source>
        <extracomment>The roles CitationTableModel.data answers (as ints); any other gets None without further work.</extracomment>
        <translation>（数据文件中未记录标题）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Dosing &amp; PK reference</source>
        <translation>给药与药代动力学参考文献</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>First author</source>
        <translation>第一作者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal</source>
        <translation>期刊</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Design</source>
        <translation>研究设计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting</source>
        <translation>适用场景</translation>
    </message>
    <message>
        <location line="+83"/>
        <location line="+25"/>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Sort by {0}</source>
        <translation>按{0}排序</translation>
    </message>
</context>
<context>
    <name>DayTable</name>
    <message>
        <location filename="../present/day_table.py" line="+19"/>
        <source>day</source>
        <translation>天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mg/kg</source>
        <translation>mg/kg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>infusion hours</source>
        <translation>输注小时</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>dose table row {0}, {1}: {2}</source>
        <translation>剂量表第 {0} 行，{1}：{2}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dose table: enter at least one day</source>
        <translation>剂量表：请至少输入一天</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>dose table: day {0} is not dosed by mg/kg</source>
        <translation>剂量表：第 {0} 天的剂量不是按 mg/kg 给出的</translation>
    </message>
</context>
<context>
    <name>DecimalSpinBox</name>
    <message>
        <location filename="../ui/numeric.py" line="+103"/>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;%1&apos; is outside %2–%3</source>
        <translation>“%1”超出范围 %2–%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; has more decimal places than this field keeps (%2)</source>
        <translation>“%1”的小数位数超过本字段保留的位数（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 — refused, kept %3.</source>
        <translation>%1：%2 — 未接受，保留 %3。</translation>
    </message>
</context>
<context>
    <name>DoseTablePanel</name>
    <message>
        <location filename="../ui/calc_panels.py" line="+60"/>
        <source>beyond label</source>
        <translation>超出说明书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REFUSED</source>
        <translation>未接受</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Day</source>
        <translation>天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Infusion</source>
        <translation>输注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cumulative mg</source>
        <translation>累计 mg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cumulative mg/kg</source>
        <translation>累计 mg/kg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volume mL</source>
        <translation>体积 mL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Label check</source>
        <translation>说明书核对</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Vials ({0})</source>
        <translation>瓶数（{0}）</translation>
    </message>
    <message>
        <location line="+260"/>
        <source>Dose arithmetic (exact)</source>
        <translation>剂量计算（精确）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dose schedule</source>
        <translation>给药日程</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the schedule and totals as tab-separated text</source>
        <translation>以制表符分隔的文本复制日程和合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the dose schedule</source>
        <translation>复制给药日程</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../ui/library_dialogs.py" line="+32"/>
        <source>RIS (EndNote, Zotero, Mendeley)</source>
        <translation>RIS（EndNote、Zotero、Mendeley）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BibTeX (LaTeX)</source>
        <translation>BibTeX（LaTeX）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSL-JSON (Zotero, Pandoc)</source>
        <translation>CSL-JSON（Zotero、Pandoc）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MEDLINE/nbib (PubMed format)</source>
        <translation>MEDLINE/nbib（PubMed 格式）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export citations</source>
        <translation>导出引文</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selected {0}</source>
        <translation>所选的 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The whole list as filtered now ({0})</source>
        <translation>当前筛选后的整个列表（{0}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Only identifiers that were verified or printed in the source are exported.</source>
        <translation>只导出已核实或原文中印有的标识符。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>ExposureMapPlot</name>
    <message>
        <location filename="../ui/calc_plot.py" line="+648"/>
        <source>Body weight (kg)</source>
        <translation>体重（kg）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lymphocyte count before the first dose (×10⁹/L)</source>
        <translation>首剂前淋巴细胞计数（×10⁹/L）</translation>
    </message>
</context>
<context>
    <name>ExposurePlot</name>
    <message>
        <location line="-605"/>
        <source>Day relative to HCT (day 0 = transplant)</source>
        <extracomment>The pinned curves&apos; z-value: above the fills (0), below the current curve and the lines (one more).</extracomment>
        <translation>相对于造血干细胞移植的天数（第 0 天 = 移植日）</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>plot read-out</source>
        <translation>图表读数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Whole course</source>
        <translation>完整疗程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole course on the plot</source>
        <translation>在图中显示完整疗程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off: the conditioning days to day +{0} after HCT. On: every day computed.</source>
        <translation>关闭：显示预处理期至造血干细胞移植（HCT）后第 +{0} 天。开启：显示计算的所有天数。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>day 0</source>
        <translation>第 0 天</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Concentration ({0})</source>
        <translation>浓度（{0}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concentration</source>
        <translation>浓度</translation>
    </message>
    <message>
        <location line="+328"/>
        <source>Point at the plot to read values.</source>
        <translation>将指针移到图上以读取数值。</translation>
    </message>
</context>
<context>
    <name>FiltersPanel</name>
    <message>
        <location filename="../ui/filters_panel.py" line="+41"/>
        <source>Library entries</source>
        <translation>文献库条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Design</source>
        <translation>研究设计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Species</source>
        <translation>物种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting / indication</source>
        <translation>适用场景 / 适应证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ATG product</source>
        <translation>ATG 产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence level</source>
        <translation>证据等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal</source>
        <translation>期刊</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every filter</source>
        <translation>清除所有筛选条件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear every filter</source>
        <translation>清除所有筛选条件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Personal</source>
        <translation>个人</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Favourites only</source>
        <translation>仅显示收藏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only studies carrying one of your tags</source>
        <translation>仅显示带有您某个标签的研究</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+124"/>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Earliest publication year</source>
        <translation>最早发表年份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest publication year</source>
        <translation>最晚发表年份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year from</source>
        <translation>起始年份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year to</source>
        <translation>截止年份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 filter</source>
        <translation>%1 筛选</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}: 1 study</source>
        <translation>{0}：1 项研究</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}: {1} studies</source>
        <translation>{0}：{1} 项研究</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Studies that state nothing for this facet (neither the seed nor a published source): %n</source>
        <translation>
            <numerusform>在此分类上未作任何说明的研究（原始文献清单和已发表来源均未说明）：%n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../ui/library_dialogs.py" line="+59"/>
        <source>Import citations</source>
        <translation>导入引文</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
</context>
<context>
    <name>LevelsPanel</name>
    <message>
        <location filename="../ui/levels_panel.py" line="+56"/>
        <source>Individual fit, 1 compartment</source>
        <translation>个体拟合，一房室</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Individual fit, 2 compartments</source>
        <translation>个体拟合，二房室</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bayesian (MAP) with the model</source>
        <translation>基于模型的贝叶斯（MAP）估计</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>good</source>
        <translation>良好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>questionable</source>
        <translation>存疑</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Day</source>
        <translation>天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Concentration</source>
        <translation>浓度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured levels table</source>
        <translation>实测浓度表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Day relative to HCT (day 0 = transplant); a fraction is the time of day (-2.75 = day −3, 06:00). &apos;.&apos; or &apos;,&apos; as the decimal mark.</source>
        <translation>相对于造血干细胞移植（HCT）的天数（第 0 天 = 移植日）；小数部分表示当天时间（-2.75 = 第 −3 天 06:00）。小数点可用“.”或“,”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave blank for the default unit</source>
        <translation>留空则使用默认单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sample&apos;s day and clock time relative to HCT, counting from HCT at 00:00 on day 0 (read-only)</source>
        <translation>样本相对于造血干细胞移植（HCT）的天数和时刻，以第 0 天 00:00 为起点（只读）</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+59"/>
        <source>Default unit</source>
        <translation>默认单位</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste rows copied from a spreadsheet: day, concentration[, unit]</source>
        <translation>粘贴从电子表格复制的行：天、浓度[、单位]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the measured levels</source>
        <translation>清除实测浓度</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+52"/>
        <source>Fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Levels compared with the target</source>
        <translation>浓度与目标的比较</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+157"/>
        <source>Enter at least two measured levels.</source>
        <translation>请至少输入两个实测浓度。</translation>
    </message>
    <message>
        <location line="-156"/>
        <location line="+45"/>
        <source>Exposure from the levels</source>
        <translation>由浓度计算的暴露量</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Day relative to HCT</source>
        <translation>相对于造血干细胞移植（HCT）的天数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit and forecast</source>
        <translation>拟合与预测</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Measured levels</source>
        <translation>实测浓度</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The model has no between-patient variability</source>
        <translation>该模型没有个体间变异</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>、</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} per {1}</source>
        <comment>a dose unit per concentration unit</comment>
        <translation>{0}（每 {1}）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>levels table</source>
        <translation>浓度表</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The table has an error (see above).</source>
        <translation>表格有错误（见上方）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Concentration ({0})</source>
        <translation>浓度（{0}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The other figures:</source>
        <translation>其他数值：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Post-HCT exposure (AUC after day 0, to day {0})</source>
        <translation>移植后暴露量（第 0 天之后至第 {0} 天的曲线下面积 AUC）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the levels do not reach day {0} and there is no forecast (set the regimen on the Prediction tab) nor a terminal phase to extrapolate</source>
        <translation>浓度数据未达到第 {0} 天，且无预测（请在“预测”选项卡中设置给药方案），也无可用于外推的终末相</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: not available — {1}.</source>
        <translation>{0}：无法获得 — {1}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}: {1}</source>
        <comment>a heading and its value</comment>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>measured day {0} to {1} (non-compartmental): {2}</source>
        <translation>第 {0} 天至第 {1} 天实测（非房室分析）：{2}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>+ forecast by the fit for the rest, with the regimen as given and planned: {0}</source>
        <translation>+ 其余部分按拟合结果预测（按已给和计划的给药方案）：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>+ extrapolated from the last level with the terminal half-life: {0} (no fit: later doses are not counted)</source>
        <translation>+ 由最后一个浓度按终末半衰期外推：{0}（无拟合：不计后续剂量）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not compared with a target: choose a setting and a target on the Prediction tab.</source>
        <translation>未与目标比较：请在“预测”选项卡中选择适用场景和目标。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not compared: the chosen target is about the {0}, the levels give the post-HCT AUC.</source>
        <translation>未比较：所选目标针对的是{0}，而浓度数据给出的是移植后 AUC。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not compared: the target is in {0}, the levels give {1} (different assays are never compared).</source>
        <translation>未比较：目标单位为 {0}，浓度数据单位为 {1}（不同检测方法之间从不比较）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This patient (measured + forecast)</source>
        <translation>本患者（实测 + 预测）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Measured AUC: not available — {0}</source>
        <translation>实测 AUC：无法得到 — {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Measured: {0} levels, {1} to {2}; highest {3} on {4} (clock times from HCT at 00:00 on day 0).</source>
        <translation>实测：{0} 个浓度，{1} 至 {2}；最高 {3}，于 {4}（时刻以第 0 天 00:00 为起点）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Measured AUC before day 0: {0} — exposure during conditioning; the targets count only the post-HCT AUC.</source>
        <translation>第 0 天前的实测 AUC：{0} — 预处理期间的暴露量；目标只计算移植后 AUC。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measured AUC between the levels, first to last: {0} — before and after day 0 together, not to be compared with a target.</source>
        <translation>首个至最后一个浓度之间的实测 AUC：{0} — 包括第 0 天前后，不可与目标比较。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Terminal half-life {0} ({1}). Extrapolating the last level with it gives a post-HCT AUC of {2} ({3} extrapolated) — a cross-check only: it ignores doses after the last level.</source>
        <translation>终末半衰期 {0}（{1}）。用它从最后一个浓度外推得到的移植后 AUC 为 {2}（外推部分 {3}）— 仅作交叉核对：未考虑最后一个浓度之后的剂量。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+50"/>
        <source>Note: {0}</source>
        <translation>注：{0}</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Fit: set a regimen on the Prediction tab (the doses given) to fit the levels.</source>
        <translation>拟合：请在“预测”选项卡中设置给药方案（已给剂量）以拟合浓度。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bayesian (MAP) estimate with {0} [{1}] — shrinkage {2}</source>
        <translation>基于 {0} [{1}] 的贝叶斯（MAP）估计 — 收缩 {2}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Individual linear {0}-compartment fit (apparent parameters): {1}</source>
        <translation>个体线性 {0} 房室拟合（表观参数）：{1}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fit: not possible — {0}</source>
        <translation>拟合：无法进行 — {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fit quality: {0}</source>
        <translation>拟合质量：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; </source>
        <comment>separator of reasons</comment>
        <translation>；</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(n = {0}, residual SD {1})</source>
        <translation>（n = {0}，残差标准差 {1}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Forecast: not possible — {0}</source>
        <translation>预测：无法进行 — {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>day {0}</source>
        <translation>第 {0} 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not within the horizon</source>
        <translation>不在计算范围内</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forecast of the fitted curve alone, regimen as given and planned: post-HCT AUC {0} (the figure above uses the measured levels where they exist); with the AUC before day 0, total {1}; below {2} from {3}.</source>
        <translation>仅按拟合曲线预测（按已给和计划的给药方案）：移植后 AUC {0}（上方数值在有实测浓度处使用实测值）；加上第 0 天前的 AUC，总计 {1}；自 {3} 起低于 {2}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remaining dose: choose a target on the Prediction tab.</source>
        <translation>剩余剂量：请在“预测”选项卡中选择目标。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remaining dose: not proposed — the target cannot be compared with these levels (see above).</source>
        <translation>剩余剂量：未建议 — 目标无法与这些浓度比较（见上方）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remaining dose: proposed only towards an aim window (a range to aim at); this target is a limit or a band, so no dose is aimed at it.</source>
        <translation>剩余剂量：仅针对目标范围（拟达到的区间）给出建议；此目标为限值或区间带，因此不针对它建议剂量。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remaining dose: not proposed — no dose of the regimen starts after the last level (day {0}), so nothing is left to adjust.</source>
        <translation>剩余剂量：未建议 — 给药方案中没有在最后一个浓度（第 {0} 天）之后开始的剂量，无可调整。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remaining dose: not proposed — {0}</source>
        <translation>剩余剂量：未建议 — {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1} mg</source>
        <comment>a dose on a day and time</comment>
        <translation>{0}：{1} mg</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remaining-dose proposal towards the middle of the window ({0}; status {1}): {2} → predicted post-HCT AUC {3} (the planned doses give {4}). A proposal only — nothing is changed.</source>
        <translation>以目标范围中点为目标的剩余剂量建议（{0}；状态 {1}）：{2} → 预测移植后 AUC {3}（计划剂量给出 {4}）。仅为建议 — 未做任何更改。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Import measured levels</source>
        <translation>导入实测浓度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv);;All (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message>
        <location filename="../ui/library_view.py" line="+714"/>
        <source>Your personal data is unavailable (see the status bar).</source>
        <translation>您的个人数据不可用（见状态栏）。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source> · {0} of {1} imported</source>
        <translation> · 导入 {0}/{1}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{0} of {1} studies</source>
        <translation>研究 {0}/{1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} of {1} dosing &amp; PK references</source>
        <translation>给药与 PK 参考文献 {0}/{1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> (first {0} listed; refine the search)</source>
        <translation>（仅列出前 {0} 项；请缩小检索范围）</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>Copied 1 citation ({1}).</source>
        <translation>已复制 1 条引文（{1}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copied {0} citations ({1}).</source>
        <translation>已复制 {0} 条引文（{1}）。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Export citations</source>
        <translation>导出引文</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+161"/>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location line="-159"/>
        <source>Exported 1 citation to {1}.</source>
        <translation>已将 1 条引文导出到 {1}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported {0} citations to {1}.</source>
        <translation>已将 {0} 条引文导出到 {1}。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Reading citation files…</source>
        <translation>正在读取引文文件…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import citations</source>
        <translation>导入引文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>not imported: the import was cancelled</source>
        <translation>未导入：导入已取消</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Remove imported citation</source>
        <translation>删除导入的引文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this citation from your library?</source>
        <translation>从您的文献库中删除此引文？</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Export personal data</source>
        <translation>导出个人数据</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved your favourites, tags and notes to {0}.</source>
        <translation>已将您的收藏、标签和笔记保存到 {0}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import personal data</source>
        <translation>导入个人数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported {0}.</source>
        <translation>已导入 {0}。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Not saved: {0}. Your text is kept here until it is shortened.</source>
        <translation>未保存：{0}。您的文字保留在此处，直至缩短后保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not saved yet: your personal-data file is in use by another program. Your text is kept here; saving is retried every few seconds.</source>
        <translation>尚未保存：您的个人数据文件正被其他程序使用。您的文字保留在此处；每隔几秒会重试保存。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not saved: {0}. Your text is kept here; saving is retried every few seconds.</source>
        <translation>未保存：{0}。您的文字保留在此处；每隔几秒会重试保存。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0} note(s) not saved yet — see the study view.</source>
        <translation>{0} 条笔记尚未保存 — 请查看研究详情。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every note is saved.</source>
        <translation>所有笔记均已保存。</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location line="-1095"/>
        <source>Search titles, authors, journals, summaries… (Ctrl+F)</source>
        <translation>检索标题、作者、期刊、摘要…（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the library</source>
        <translation>检索文献库</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add citations from RIS, MEDLINE/nbib or PubMed XML files</source>
        <translation>从 RIS、MEDLINE/nbib 或 PubMed XML 文件添加引文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the selected studies or the whole list (Ctrl+E)</source>
        <translation>导出所选研究或整个列表（Ctrl+E）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>My data</source>
        <translation>我的数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My data: export or import favourites, tags and notes</source>
        <translation>我的数据：导出或导入收藏、标签和笔记</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export favourites, tags and notes…</source>
        <translation>导出收藏、标签和笔记…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import favourites, tags and notes…</source>
        <translation>导入收藏、标签和笔记…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Citations</source>
        <translation>引文列表</translation>
    </message>
    <message>
        <location line="+242"/>
        <source>Copy citation (%1)</source>
        <translation>复制引文（%1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export selected…</source>
        <translation>导出所选…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Toggle favourite</source>
        <translation>切换收藏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove from my library</source>
        <translation>从我的文献库中删除</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="+80"/>
        <source>ATG Desk</source>
        <extracomment>The first window is as large as this, or 90 % of the screen&apos;s available area when that is smaller (a 1366×768 laptop screen less its panels is shorter than 800 px). The calculator screen exists now (emitted once, when a lazily built calculator is built).</extracomment>
        <translation>ATG Desk</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>Library</source>
        <translation>文献库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calculator</source>
        <translation>计算器</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Search and read the ATG evidence (Ctrl+1)</source>
        <translation>检索和阅读 ATG 证据（Ctrl+1）</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Dose arithmetic and exposure scenarios (Ctrl+2)</source>
        <translation>剂量计算和暴露量方案（Ctrl+2）</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>The calculator could not be opened (%1). Details are in the log (Help ▸ Open log folder).</source>
        <extracomment>Why the calculator could not be built the last time its tab was shown (&quot;&quot; when it was not tried or worked). Called once, just after the window&apos;s first paint has reached the screen (``atgdesk.app`` prepares the calculator then, in idle time). Asked before the window closes (e.g. notes that could not be saved); False keeps it open. Set by ``atgdesk.app``; not asked when the session ends or the app is told to terminate.</extracomment>
        <translation>无法打开计算器（%1）。详细信息见日志（帮助 ▸ 打开日志文件夹）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Opening the calculator…</source>
        <translation>正在打开计算器…</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export citations…</source>
        <translation>导出引文(&amp;E)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Restore personal data from a moved-aside copy…</source>
        <translation>从移出的副本恢复个人数据(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Library</source>
        <translation>文献库(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Calculator</source>
        <translation>计算器(&amp;C)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>C&amp;alculator</source>
        <translation>计算器(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pin the current scenario</source>
        <translation>固定当前方案(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Suggest a dose</source>
        <translation>建议剂量(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uncertainty &amp;band on/off</source>
        <translation>开启/关闭不确定性区间(&amp;B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export the scenario…</source>
        <translation>导出方案(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Copy the prediction as text</source>
        <translation>以文本复制预测结果(&amp;C)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Welcome</source>
        <translation>欢迎(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Disclaimer</source>
        <translation>免责声明(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About ATG Desk</source>
        <translation>关于 ATG Desk(&amp;A)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reference and teaching tool — not a substitute for the treating team&apos;s protocol.</source>
        <translation>参考和教学工具 — 不能替代治疗团队的方案。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>The prediction was copied to the clipboard.</source>
        <translation>预测结果已复制到剪贴板。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not available now: %1</source>
        <translation>当前不可用：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The interface language changes when ATG Desk is started again.</source>
        <translation>界面语言将在下次启动 ATG Desk 时更改。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What they do</source>
        <translation>功能</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Disclaimer</source>
        <translation>免责声明</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <location filename="../ui/calc_panels.py" line="+108"/>
        <source>Predicted exposure</source>
        <translation>预测暴露量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>AUC after day 0
(to day {0})</source>
        <translation>第 0 天后 AUC
（至第 {0} 天）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AUC before day 0</source>
        <translation>第 0 天前 AUC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AUC total</source>
        <translation>AUC 合计</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time of Cmax</source>
        <translation>Cmax 时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below threshold from</source>
        <translation>低于阈值起始</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>probability beside the verdict</source>
        <translation>判定旁的概率</translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message>
        <location filename="../present/model_files.py" line="+111"/>
        <source>1 model file was not loaded — details</source>
        <translation>1 个模型文件未载入 — 详情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} model files were not loaded — details</source>
        <translation>{0} 个模型文件未载入 — 详情</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the id &apos;{0}&apos; is already used by the model in {1}; give this model an id of its own</source>
        <translation>标识“{0}”已被 {1} 中的模型使用；请为此模型另取一个标识</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>1 model file was not loaded; the calculator runs on without it.</source>
        <translation>1 个模型文件未载入；计算器不使用该文件继续运行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} model files were not loaded; the calculator runs on without them.</source>
        <translation>{0} 个模型文件未载入；计算器不使用这些文件继续运行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your models folder: {0}</source>
        <translation>您的模型文件夹：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder: {0}</source>
        <translation>文件夹：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To fix a file, correct the field named in its reason (or move the file out of the folder), then restart ATG Desk: model files are read when it starts.</source>
        <translation>修正方法：改正原因中指出的字段（或将该文件移出文件夹），然后重新启动 ATG Desk：模型文件在启动时读取。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A model of your own needs an id that no other model uses, bundled ones included.</source>
        <translation>您自己的模型需要一个其他模型（包括内置模型）都未使用的标识。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only files whose names end in .toml are read; other files in the folder are ignored.</source>
        <translation>只读取文件名以 .toml 结尾的文件；文件夹中的其他文件会被忽略。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file format is described in ATG Desk&apos;s documentation (model-format.md); the command &apos;atgdesk models&apos; lists the same problems.</source>
        <translation>文件格式见 ATG Desk 的文档（model-format.md）；命令“atgdesk models”会列出相同的问题。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each reason names the field as it is spelled in the file.</source>
        <translation>原因说明来自模型文件检查，保留英文原文；其中的字段名与文件中的拼写一致。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>… and {0} more files (&apos;atgdesk models&apos; lists them all).</source>
        <translation>……另有 {0} 个文件（“atgdesk models”会全部列出）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model files not loaded</source>
        <translation>未载入的模型文件</translation>
    </message>
</context>
<context>
    <name>ModelFilesDialog</name>
    <message>
        <location filename="../ui/model_notice.py" line="+144"/>
        <source>Model files not loaded</source>
        <translation>未载入的模型文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the list of model files not loaded</source>
        <translation>复制未载入的模型文件列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the models folder</source>
        <translation>打开模型文件夹</translation>
    </message>
</context>
<context>
    <name>ModelFilesNotice</name>
    <message>
        <location line="-81"/>
        <source>Show which model files were not loaded, why, and how to fix them</source>
        <translation>显示哪些模型文件未载入、原因以及修正方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model files not loaded</source>
        <translation>未载入的模型文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opens the list of model files that were not loaded</source>
        <translation>打开未载入的模型文件列表</translation>
    </message>
</context>
<context>
    <name>ModelInfoDialog</name>
    <message>
        <location filename="../ui/calc_panels.py" line="+331"/>
        <source>open the reference in the library</source>
        <translation>在文献库中打开该参考文献</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Id:</source>
        <translation>标识：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product:</source>
        <translation>产品：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Analyte:</source>
        <translation>分析物：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Structure and equations</source>
        <translation>结构与方程</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+47"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Covariate relations</source>
        <translation>协变量关系</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+79"/>
        <source>Validity domain</source>
        <translation>适用范围</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File: {0}</source>
        <translation>文件：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+122"/>
        <source>{0}:</source>
        <translation>{0}：</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Figure</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Aimed at</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achieved</source>
        <translation>达到值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not reproduced</source>
        <translation>未能复现</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{0} compartment(s); elimination: {1}; distribution: {2}</source>
        <translation>{0} 房室；消除：{1}；分布：{2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C = scale × A1 / V1, scale = {0} ({1} per {2}/{3})</source>
        <translation>C = scale × A1 / V1，scale = {0}（单位：{1} 每 {2}/{3}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>dA1/dt = input − {0} − [{1}] (amounts per day)</source>
        <translation>dA1/dt = 输入 − {0} − [{1}]（药量以日计）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dA1/dt = input − {0} (amounts per day)</source>
        <translation>dA1/dt = 输入 − {0}（药量以日计）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Individual parameter: P = P&lt;sub&gt;typ&lt;/sub&gt; × covariate factors × exp(η), η ~ N(0, ω²)</source>
        <translation>个体参数：P = P&lt;sub&gt;typ&lt;/sub&gt; × 协变量因子 × exp(η)，η ~ N(0, ω²)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Typical value</source>
        <translation>典型值</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>IIV ω²</source>
        <translation>个体间变异 ω²</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+44"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This model has no between-patient variability: no percentile bands or PTA.</source>
        <translation>此模型没有患者间变异：无法给出百分位带或达标概率（PTA）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Residual error: proportional {0}, additive {1} {2}</source>
        <translation>残差：比例型 {0}，加和型 {1} {2}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Covariate</source>
        <translation>协变量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Typical</source>
        <translation>典型值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Soft (warn)</source>
        <translation>软界限（警告）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hard (refuse)</source>
        <translation>硬界限（拒绝）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Table/page</source>
        <translation>表/页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entered by</source>
        <translation>录入者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verified by</source>
        <translation>核实者</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Infusions</source>
        <translation>输注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not calibrated</source>
        <translation>未校准项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Script</source>
        <translation>脚本</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Published figure and how it was read</source>
        <translation>已发表数据及其读取方式</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Not reproduced: {0}</source>
        <translation>未能复现：{0}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Model — {0}</source>
        <translation>模型 — {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model description</source>
        <translation>模型说明</translation>
    </message>
</context>
<context>
    <name>NoteContent</name>
    <message>
        <location filename="../present/note.py" line="+25"/>
        <source>read in the paper&apos;s abstract</source>
        <extracomment>The confidence tags of the evidence notes, in words a reader of the note understands.</extracomment>
        <translation>读自论文摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read in a published table</source>
        <translation>读自已发表的表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read in the product label</source>
        <translation>读自产品说明书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from a secondary summary of the paper, not the paper itself</source>
        <translation>来自该论文的二次汇总，而非论文本身</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not found in any available source</source>
        <translation>在任何可得来源中均未找到</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>verified</source>
        <extracomment>A model file&apos;s status as the note says it (the file&apos;s own word when it is none of these).</extracomment>
        <translation>已验证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>illustrative</source>
        <translation>示意性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user model</source>
        <translation>用户模型</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Day</source>
        <extracomment>The presenter&apos;s dose-table headers (atgdesk.present.calculator) as the note prints them; a vial header &apos;Vials (25 mg)&apos; is worded by its own template.</extracomment>
        <translation>天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Infusion</source>
        <translation>输注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cumulative mg</source>
        <translation>累计 mg</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cumulative mg/kg</source>
        <translation>累计 mg/kg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volume mL</source>
        <translation>体积 mL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Label check</source>
        <translation>说明书核对</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>beyond label</source>
        <extracomment>The dose table&apos;s flag words in a row beyond a label limit.</extracomment>
        <translation>超出说明书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REFUSED</source>
        <translation>未接受</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>actual body weight</source>
        <extracomment>The dosing-weight bases and sexes of the inputs (atgdesk.core.weights, ScenarioInputs.sex).</extracomment>
        <translation>实际体重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ideal body weight</source>
        <translation>理想体重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>adjusted body weight</source>
        <translation>校正体重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Vials ({vial})</source>
        <translation>瓶数（{vial}）</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prescriber</source>
        <translation>处方者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HCT date (day 0)</source>
        <translation>造血干细胞移植日期（第 0 天）</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Model: {name} — status: {status}</source>
        <translation>模型：{name} — 状态：{status}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>day {day}: {dose}</source>
        <translation>第 {day} 天：{dose}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mg/kg by day — {doses} ({total} mg/kg in all)</source>
        <translation>按日 mg/kg — {doses}（共 {total} mg/kg）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{dose} mg/kg/day × {days} day from day {first} ({total} mg/kg in all)</source>
        <translation>{dose} mg/kg/day × {days} 天，自第 {first} 天起（共 {total} mg/kg）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{dose} mg/kg/day × {days} days from day {first} ({total} mg/kg in all)</source>
        <translation>{dose} mg/kg/day × {days} 天，自第 {first} 天起（共 {total} mg/kg）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>— (no target chosen)</source>
        <translation>—（未选择目标）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>— (pinned with model {model})</source>
        <translation>—（固定时所用模型为 {model}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>— (target not comparable: {reason})</source>
        <translation>—（目标不可比较：{reason}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{share} % (harm, N = {n})</source>
        <translation>{share} %（有害，N = {n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{share} % (attainment, N = {n})</source>
        <translation>{share} %（达标，N = {n}）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>no prediction to report</source>
        <translation>没有可写入记录单的预测</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{value} (= {per_nl})</source>
        <translation>{value}（= {per_nl}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{weight} kg ({basis})</source>
        <translation>{weight} kg（{basis}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>day {day}</source>
        <translation>第 {day} 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting</source>
        <translation>适用场景</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none chosen</source>
        <translation>未选择</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body weight</source>
        <translation>体重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dosing weight</source>
        <translation>给药体重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lymphocyte count</source>
        <translation>淋巴细胞计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Horizon</source>
        <translation>计算时间范围</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Height / sex</source>
        <translation>身高 / 性别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>AUC after day 0 (to day {day})</source>
        <translation>第 0 天后 AUC（至第 {day} 天）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AUC before day 0</source>
        <translation>第 0 天前 AUC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AUC total</source>
        <translation>AUC 合计</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cmax</source>
        <translation>Cmax</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time of Cmax</source>
        <translation>Cmax 时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below threshold from</source>
        <translation>低于阈值起始</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ATG Desk {version}; model file {file} (schema {schema}); Python {python}</source>
        <translation>ATG Desk {version}；模型文件 {file}（格式版本 {schema}）；Python {python}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ATG Desk — dosing note</source>
        <translation>ATG Desk — 给药记录单</translation>
    </message>
</context>
<context>
    <name>NoteFieldsDialog</name>
    <message>
        <location filename="../ui/report.py" line="+339"/>
        <source>Dosing note</source>
        <translation>给药记录单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patient (optional)</source>
        <translation>患者（可选）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name or identifier, optional</source>
        <translation>姓名或标识，可选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prescriber (optional)</source>
        <translation>处方者（可选）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HCT date, day 0 (optional)</source>
        <translation>造血干细胞移植日期，第 0 天（可选）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 2026-12-09, optional</source>
        <translation>例如 2026-12-09，可选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Printed on this note only: these fields are not stored.</source>
        <translation>仅打印在此记录单上：这些字段不会被保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prescriber</source>
        <translation>处方者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HCT date (day 0)</source>
        <translation>造血干细胞移植日期（第 0 天）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue…</source>
        <translation>继续…</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <location filename="../ui/calc_panels.py" line="-318"/>
        <source>Scenarios</source>
        <translation>方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pinned scenarios</source>
        <translation>已固定的方案</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pin current</source>
        <translation>固定当前方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pin the current scenario (Ctrl+P)</source>
        <translation>固定当前方案（Ctrl+P）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin</source>
        <translation>取消固定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the selected pinned scenario in your personal data</source>
        <translation>将所选的已固定方案保存到您的个人数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved scenarios</source>
        <translation>已保存的方案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Load</source>
        <translation>载入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load the saved scenario</source>
        <translation>载入已保存的方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the saved scenario</source>
        <translation>删除已保存的方案</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved:</source>
        <translation>已保存：</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Double-click or F2 to rename</source>
        <translation>双击或按 F2 重命名</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../ui/keyboard.py" line="+14"/>
        <source>Show the library</source>
        <extracomment>(keys, what they do) — the keys are portable QKeySequence text; the descriptions are translated when shown.</extracomment>
        <translation>显示文献库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the calculator</source>
        <translation>显示计算器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the library</source>
        <translation>检索文献库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the search box: the first study; in the list: open it</source>
        <translation>在检索框中：转到第一项研究；在列表中：打开该研究</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the study back to the list</source>
        <translation>从研究详情返回列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the list: copy the selected citations</source>
        <translation>在列表中：复制所选引文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the open study&apos;s citation</source>
        <translation>复制当前研究的引文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On a split button (Copy citation, Export): open its menu (Vancouver, AMA, APA; export formats)</source>
        <translation>在分裂按钮（复制引文、导出）上：打开其菜单（Vancouver、AMA、APA；导出格式）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export citations</source>
        <translation>导出引文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The open study&apos;s tags / notes</source>
        <translation>当前研究的标签 / 笔记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calculator: pin the current scenario</source>
        <translation>计算器：固定当前方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calculator: suggest a dose</source>
        <translation>计算器：建议剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calculator: uncertainty band on or off</source>
        <translation>计算器：开启或关闭不确定性区间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calculator: export the scenario (menu)</source>
        <translation>计算器：导出方案（菜单）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calculator: copy the prediction (exposure, verdict) as text</source>
        <translation>计算器：以文本复制预测结果（暴露量、判定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calculator: dose per day</source>
        <translation>计算器：每日剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next / previous tab of the calculator</source>
        <translation>计算器的下一个 / 上一个选项卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next / previous control; tables are left with Tab, arrows move inside them</source>
        <translation>下一个 / 上一个控件；按 Tab 离开表格，方向键在表格内移动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This list</source>
        <translation>本列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>StatusBadge</name>
    <message>
        <location filename="../present/plot_state.py" line="-78"/>
        <location filename="../ui/calc_panels.py" line="-706"/>
        <source>VERIFIED</source>
        <translation>已验证</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/calc_panels.py" line="+1"/>
        <source>ILLUSTRATIVE</source>
        <translation>示意性</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/calc_panels.py" line="+1"/>
        <source>USER MODEL</source>
        <translation>用户模型</translation>
    </message>
    <message>
        <location filename="../ui/calc_panels.py" line="+258"/>
        <source>NO MODEL</source>
        <translation>无模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model status: {0}</source>
        <translation>模型状态：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model status</source>
        <translation>模型状态</translation>
    </message>
</context>
<context>
    <name>StudyView</name>
    <message>
        <location filename="../ui/study_view.py" line="+288"/>
        <source>Select a study in the list to read it here.</source>
        <extracomment>Asked before a link opens the browser; tests replace it. Returns True to go ahead. Opens a URL in the system browser; tests replace it. The study&apos;s own widgets (everything in ``content``) are made when first needed: start-up shows only the placeholder, and ~60 widgets nobody sees yet cost ~15 ms of it. See :meth:`_build_content`.</extracomment>
        <translation>在列表中选择一项研究，在此阅读。</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+1"/>
        <source>Copy citation</source>
        <translation>复制引文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the citation to the clipboard in the style chosen last (the arrow or Alt+Down offers Vancouver, AMA and APA; Ctrl+Shift+C; Ctrl+C in the list)</source>
        <translation>以上次选择的格式将引文复制到剪贴板（箭头或 Alt+下箭头 提供 Vancouver、AMA 和 APA；Ctrl+Shift+C；在列表中为 Ctrl+C）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy as %1</source>
        <translation>复制为 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove from my library</source>
        <translation>从我的文献库中删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete this imported citation from your personal library</source>
        <translation>从您的个人文献库中删除此导入的引文</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kind of library entry</source>
        <translation>文献库条目类型</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Summary</source>
        <translation>摘要要点</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Design</source>
        <translation>研究设计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Species</source>
        <translation>物种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting</source>
        <translation>适用场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ATG product</source>
        <translation>ATG 产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Population</source>
        <translation>研究人群</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registration</source>
        <translation>注册信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence level</source>
        <translation>证据等级</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open the source of %1</source>
        <translation>打开“%1”的来源</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Take-home</source>
        <translation>要点</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key findings (from the seed)</source>
        <translation>主要发现（来自原始文献清单）</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+3"/>
        <source>Published results</source>
        <translation>已发表的结果</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What the calculator takes from it</source>
        <translation>计算器从中采用的内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the calculator takes from this reference</source>
        <translation>计算器从该参考文献中采用的内容</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Excerpt from the source list</source>
        <translation>原始文献清单摘录</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Abstract</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abstract in English</source>
        <translation>英文摘要</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Abstract in Chinese</source>
        <translation>中文摘要</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Identifiers</source>
        <translation>标识符</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Corrections made to the source text</source>
        <translation>对原文所作的更正</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bibliographic record</source>
        <translation>书目记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>Related studies</source>
        <translation>相关研究</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>My &amp;tags</source>
        <translation>我的标签(&amp;T)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add a tag and press Enter</source>
        <translation>输入标签后按 Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>My &amp;notes (saved as you type)</source>
        <translation>我的笔记(&amp;N)（输入时自动保存）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>My notes</source>
        <translation>我的笔记</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your notes on this study stay on this computer.</source>
        <translation>您对此研究的笔记仅保存在本机。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Retry saving</source>
        <translation>重试保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry saving the note</source>
        <translation>重试保存笔记</translation>
    </message>
    <message>
        <location line="+53"/>
        <source> — a source of the calculator&apos;s dosing and PK data, not one of the seed studies</source>
        <translation> — 计算器给药与药代动力学数据的来源之一，不属于原始文献清单中的研究</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Imported by you from {0} ({1}). Not part of the curated library: no summary.</source>
        <translation>由您从 {0}（{1}）导入。不属于精选文献库：无摘要要点。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>★ Favourite</source>
        <translation>★ 已收藏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>☆ Add to favourites</source>
        <translation>☆ 加入收藏</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>simplified OCEBM 2011 scale</source>
        <translation>简化 OCEBM 2011 分级</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Level {0}</source>
        <translation>{0} 级</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>from the seed;</source>
        <translation>来自原始文献清单；</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>n from the %1 ↗</source>
        <translation>例数来自%1 ↗</translation>
    </message>
    <message>
        <location line="-483"/>
        <location line="+319"/>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>Remove the tag “{0}”</source>
        <translation>删除标签“{0}”</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Personal data is read-only (see the notice).</source>
        <translation>个人数据为只读（见通知）。</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Open %1 in your web browser (asks first)</source>
        <translation>在网页浏览器中打开 %1（先询问）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>list ends in “et al.”: the remaining authors are not known here</source>
        <translation>列表以“等”结尾：其余作者在此未知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>complete list, from the %1</source>
        <translation>完整列表，来自%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>complete list</source>
        <translation>完整列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authors: %1 (%2)</source>
        <translation>作者：%1（%2）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(neither the seed nor a published source states it)</source>
        <translation>（原始文献清单和已发表来源均未说明）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>from the</source>
        <translation>来自</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>n from the seed;</source>
        <translation>例数来自原始文献清单；</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the rest from the %1 ↗</source>
        <translation>其余来自%1 ↗</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>from this reference&apos;s entry (%1)</source>
        <translation>来自该参考文献条目（%1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>from the seed</source>
        <translation>来自原始文献清单</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Published results not available offline.</source>
        <translation>已发表的结果无法离线获取。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Searched: %1</source>
        <translation>已检索：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Harms</source>
        <translation>不良反应</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>whole record read</source>
        <translation>已读完整记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>part of the record read</source>
        <translation>已读部分记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open the published source</source>
        <translation>打开已发表的来源</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>As the calculator&apos;s data cite it: %1</source>
        <translation>计算器数据中的引用方式：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Read on: %1</source>
        <translation>阅读于：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the page the label facts were read on</source>
        <translation>打开读取说明书信息的页面</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing in the data cites it.</source>
        <translation>数据中没有引用它的内容。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Open {0} in your web browser (asks first)</source>
        <translation>在网页浏览器中打开 {0}（先询问）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This identifier was matched to the study but not confirmed; check it before you rely on it.</source>
        <translation>此标识符已与该研究匹配但尚未确认；使用前请核实。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(not in the source)</source>
        <translation>（原文中没有）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(removed)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why: {0}</source>
        <translation>原因：{0}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Open in your web browser?</source>
        <translation>在网页浏览器中打开？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This opens the following address in your web browser and leaves ATG Desk:</source>
        <translation>这将在您的网页浏览器中打开以下地址并离开 ATG Desk：</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>TargetChooser</name>
    <message>
        <location filename="../ui/calc_panels.py" line="+244"/>
        <location line="+2"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+6"/>
        <source>Custom window, lower limit</source>
        <translation>自定义范围下限</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+6"/>
        <source>Custom window, upper limit</source>
        <translation>自定义范围上限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Custom window (post-HCT AUC)</source>
        <translation>自定义范围（移植后 AUC）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Custom window…</source>
        <translation>自定义范围…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Custom window, post-HCT AUC ({0})</source>
        <translation>自定义范围，移植后 AUC（{0}）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Your own window: no published source.</source>
        <translation>您自定义的范围：无已发表来源。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a setting first: its published targets are listed here.</source>
        <translation>请先选择适用场景：其已发表的目标将列在此处。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source: {0}</source>
        <translation>来源：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot be compared with this model: {0}.</source>
        <translation>无法与此模型比较：{0}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>open the study in the library</source>
        <translation>在文献库中打开该研究</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../ui/welcome.py" line="+43"/>
        <source>Welcome to ATG Desk</source>
        <translation>欢迎使用 ATG Desk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Library (Ctrl+1): search the ATG studies as you type, filter them, read a structured summary and copy the citation.</source>
        <translation>文献库（Ctrl+1）：边输入边检索 ATG 研究、筛选、阅读结构化摘要要点并复制引文。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calculator (Ctrl+2): dose arithmetic from the product labels, exposure scenarios from PK models, and exposure from a patient&apos;s measured levels.</source>
        <translation>计算器（Ctrl+2）：依据产品说明书进行剂量计算，依据药代动力学（PK）模型模拟暴露量方案，并根据患者实测血药浓度计算暴露量。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Help ▸ Keyboard shortcuts (F1) lists every shortcut; Help ▸ Welcome shows this again.</source>
        <translation>帮助 ▸ 键盘快捷键（F1）列出所有快捷键；帮助 ▸ 欢迎 可再次显示本页。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Show this welcome at the next start</source>
        <translation>下次启动时显示此欢迎页</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the &amp;library</source>
        <translation>打开文献库(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the &amp;calculator</source>
        <translation>打开计算器(&amp;C)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../app.py" line="+92"/>
        <source>Your personal data (notes, tags, scenarios) is in use by another program and could not be opened; it is off in this window. Start ATG Desk again when that program has finished. ({0})</source>
        <extracomment>Opening the user database at start-up waits this long for another program&apos;s lock. A write from the GUI waits at most this long for a lock, then the controller keeps the input pending and retries from a timer, so the window never freezes behind another program&apos;s lock. The garbage collector is paused during start-up and resumes once the calculator is ready, or after this long. The single-instance lock (a QLockFile in the user folder) while this process holds it, else None. Called on quit (``aboutToQuit``) and at the end of the smoke run: background workers finish before the interpreter goes away.</extracomment>
        <translation>您的个人数据（笔记、标签、方案）正被其他程序使用，无法打开；本窗口中个人数据已关闭。请在该程序结束后重新启动 ATG Desk。（{0}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your personal data (notes, tags, scenarios) is off in this window: {0}</source>
        <translation>本窗口中您的个人数据（笔记、标签、方案）已关闭：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your personal data could not be opened ({0}: {1}).</source>
        <translation>无法打开您的个人数据（{0}：{1}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your personal data is read-only in this window ({0}): notes, tags and favourites are shown but cannot be changed.</source>
        <translation>本窗口中您的个人数据为只读（{0}）：可显示笔记、标签和收藏，但无法更改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your personal data file was damaged. It was moved aside to {0} and a new, empty one was created. Nothing was deleted: File ▸ Restore personal data brings back what can be read from it.</source>
        <translation>您的个人数据文件已损坏。它已被移至 {0}，并创建了一个新的空文件。未删除任何内容：文件 ▸ 恢复个人数据 可取回其中可读取的内容。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>another ATG Desk window is already open on this personal data (changes are made there)</source>
        <translation>另一个 ATG Desk 窗口已打开此个人数据（请在那里进行更改）</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Evidence library</source>
        <translation>证据文献库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bundled evidence database could not be opened, so the library is unavailable. Rebuild it with `make db` (or `atgdesk build-db`) or reinstall ATG Desk.</source>
        <translation>无法打开内置的证据数据库，因此文献库不可用。请使用 `make db`（或 `atgdesk build-db`）重建，或重新安装 ATG Desk。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Evidence data {0}: {1} studies · {2} dosing &amp; PK references</source>
        <translation>证据数据 {0}：{1} 项研究 · {2} 篇给药与药代动力学参考文献</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Notes not saved</source>
        <translation>笔记未保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+10"/>
        <source>Restore personal data</source>
        <translation>恢复个人数据</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Your personal data is off or read-only in this window, so nothing can be restored into it.</source>
        <translation>本窗口中您的个人数据已关闭或为只读，因此无法恢复任何内容。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing was restored.

{0}</source>
        <translation>未恢复任何内容。

{0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restored from {0}: {1}.</source>
        <translation>已从 {0} 恢复：{1}。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Study {0}: the evidence library is unavailable.</source>
        <translation>研究 {0}：证据文献库不可用。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The log folder {0} cannot be created: {1}</source>
        <translation>无法创建日志文件夹 {0}：{1}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>ATG Desk — unexpected error</source>
        <translation>ATG Desk — 意外错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something went wrong: {0}: {1}

What was saved before this error is kept; a note that could not be saved stays in the editor marked “Not saved”. Details are in the log ({2}).</source>
        <translation>出现错误：{0}：{1}

此错误之前已保存的内容均保留；无法保存的笔记会留在编辑器中并标记为“未保存”。详细信息见日志（{2}）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the terminal; there is no user folder</source>
        <translation>终端；没有用户文件夹</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>ATG Desk — personal data</source>
        <translation>ATG Desk — 个人数据</translation>
    </message>
</context>
<context>
    <name>atgdesk</name>
    <message>
        <location filename="../i18n.py" line="+29"/>
        <source>ATG Desk is a reference and teaching tool. It does not replace the treating team&apos;s protocol, the product label or clinical judgement. Model predictions marked &apos;illustrative&apos; are calibrated to published summary figures, not fitted population models, and are not for dosing decisions.</source>
        <translation>ATG Desk 是参考和教学工具，不能替代治疗团队的方案、产品说明书或临床判断。标记为“示意性”的模型预测是根据已发表的汇总数据校准的，并非拟合的群体模型，不可用于给药决策。</translation>
    </message>
</context>
<context>
    <name>covariate</name>
    <message>
        <location filename="../present/note.py" line="-244"/>
        <source>weight_kg</source>
        <extracomment>A model&apos;s covariate ids as a reader names the field (the core&apos;s warnings and errors name the id: &apos;weight_kg = 160 kg is outside …&apos;). The source text is the id itself, so the English texts (command line, --json) keep it; a translation gives the field&apos;s name (&apos;体重&apos;). See :func:`field_names`.</extracomment>
        <translation>体重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tbw_kg</source>
        <translation>实际体重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>body_weight_kg</source>
        <translation>体重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ibw_kg</source>
        <translation>理想体重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>height_cm</source>
        <translation>身高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>alc_per_nl</source>
        <translation>淋巴细胞计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>alc_1e9_per_l</source>
        <translation>淋巴细胞计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>alc</source>
        <translation>淋巴细胞计数</translation>
    </message>
</context>
<context>
    <name>fit</name>
    <message>
        <location filename="../core/fit.py" line="+79"/>
        <source>row {row} (day {day})</source>
        <translation>第 {row} 行（第 {day} 天）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>below the limit of quantification, excluded: {rows}</source>
        <translation>低于定量下限，已排除：{rows}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>zero levels before the first dose skipped (no information): {rows}</source>
        <translation>首剂前的零浓度已跳过（不含信息）：{rows}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>zero levels cannot be weighted proportionally and were skipped: {rows}</source>
        <translation>零浓度无法按比例加权，已跳过：{rows}</translation>
    </message>
    <message>
        <location line="+199"/>
        <location line="+246"/>
        <source>optimiser did not converge ({message})</source>
        <translation>优化未收敛（{message}）</translation>
    </message>
    <message>
        <location line="-244"/>
        <source>{n} levels for {p} parameters: no degrees of freedom, standard errors not estimable</source>
        <translation>{n} 个浓度对应 {p} 个参数：无自由度，无法估计标准误</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>poorly determined parameter(s) (relative SE {values} &gt; {limit} %)</source>
        <translation>参数估计不精确（相对标准误 {values} &gt; {limit} %）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>some standard errors could not be computed (parameters not identifiable from these levels)</source>
        <translation>部分标准误无法计算（无法由这些浓度识别参数）</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>a parameter reached the edge of the search range (not identifiable from these levels)</source>
        <translation>有参数达到搜索范围的边界（无法由这些浓度识别）</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>individual far from the population (&gt; 3 ω): {etas}</source>
        <translation>个体与群体相差很远（&gt; 3 ω）：{etas}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>levels not consistent with the model&apos;s residual error (sum of squared weighted residuals {value} &gt; {limit}, the 99th percentile of chi-square with {n} d.f.)</source>
        <translation>浓度与模型的残差不一致（加权残差平方和 {value} &gt; {limit}，即自由度为 {n} 的卡方分布第 99 百分位数）</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>the doses already given reach the target: no further dose is proposed</source>
        <translation>已给剂量已达到目标：不再建议追加剂量</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the target cannot be reached by changing the remaining doses</source>
        <translation>调整剩余剂量也无法达到目标</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <location filename="../i18n.py" line="+9"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
</context>
<context>
    <name>levels</name>
    <message>
        <location filename="../core/levels.py" line="+83"/>
        <source>{field}: unknown concentration unit {unit} (accepted: {accepted})</source>
        <translation>{field}：未知的浓度单位 {unit}（可接受：{accepted}）</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>concentration</source>
        <translation>浓度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>limit of quantification</source>
        <translation>定量下限</translation>
    </message>
    <message>
        <location filename="../core/numbers.py" line="+31"/>
        <source>is empty (type a number)</source>
        <translation>为空（请输入数字）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>{cell} is not a finite number</source>
        <translation>{cell} 不是有限数值</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>{cell} is not a number (one decimal mark only, &apos;.&apos; or &apos;,&apos;; no thousands separators)</source>
        <translation>{cell} 不是数字（只能有一个小数点，&apos;.&apos; 或 &apos;,&apos;；不要千位分隔符）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{cell} is not a number (digits with one decimal mark, &apos;.&apos; or &apos;,&apos;)</source>
        <translation>{cell} 不是数字（应为数字加一个小数点，&apos;.&apos; 或 &apos;,&apos;）</translation>
    </message>
    <message>
        <location filename="../core/levels.py" line="+11"/>
        <source>day {day}, {time}</source>
        <translation>第 {day} 天 {time}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where}: {what} {problem}</source>
        <translation>{where}：{what} {problem}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{where}: concentration is empty (write the value, or &lt;LLOQ / BLQ)</source>
        <translation>{where}：浓度为空（请填写数值，或 &lt;LLOQ / BLQ）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{where}: limit of quantification {cell} must be positive</source>
        <translation>{where}：定量下限 {cell} 必须为正数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{where}: concentration {cell} is negative</source>
        <translation>{where}：浓度 {cell} 为负数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{where}: {what} {cell} is implausibly large (more than {limit} in the file&apos;s unit; check the value and its unit)</source>
        <translation>{where}：{what} {cell} 大得不合理（按文件的单位超过 {limit}；请核对数值及其单位）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: {what} {cell} is implausibly small (a positive value below {limit}; write 0 or &lt;LLOQ if it was not measurable)</source>
        <translation>{where}：{what} {cell} 小得不合理（为低于 {limit} 的正数；若无法测出，请填 0 或 &lt;LLOQ）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{source} row {row}</source>
        <translation>{source} 第 {row} 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}, column {column}</source>
        <translation>{where}，列 {column}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: time {cell} is implausible (days from HCT, at most {limit} either side)</source>
        <translation>{where}：时间 {cell} 不合理（相对造血干细胞移植的天数，前后最多 {limit} 天）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{where}: the number is too large</source>
        <translation>{where}：数字过大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{where}: {cell} is not a number</source>
        <translation>{where}：{cell} 不是数字</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{where}: no unit given for this row and no default unit</source>
        <translation>{where}：此行未给出单位，也没有默认单位</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{where}: {unit} cannot be mixed with {first} (row {row}); AU and mass concentrations come from different assays and are never converted</source>
        <translation>{where}：{unit} 不能与 {first}（第 {row} 行）混用；AU 浓度与质量浓度来自不同的检测方法，绝不互相换算</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{where}: duplicate time {day} (also row {row})</source>
        <translation>{where}：时间 {day} 重复（第 {row} 行也是）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{source}: no measured levels (no data rows)</source>
        <translation>{source}：没有实测浓度（无数据行）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{source} row {row}: expected time_day, concentration and optionally unit, got {n} cells</source>
        <translation>{source} 第 {row} 行：应为 time_day、concentration 及可选的 unit，实际为 {n} 个单元格</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>{source}: not valid CSV ({error})</source>
        <translation>{source}：不是有效的 CSV（{error}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{source}: empty file (expected a header time_day,concentration,unit)</source>
        <translation>{source}：文件为空（应有表头 time_day,concentration,unit）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{source} row {row}, column {column}: unknown column {name} (expected time_day, concentration, unit)</source>
        <translation>{source} 第 {row} 行，第 {column} 列：未知列 {name}（应为 time_day、concentration、unit）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{source} row {row}: more than one {name} column: {present}</source>
        <translation>{source} 第 {row} 行：{name} 列不止一个：{present}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{source} row {row}: missing column time_day (or day, time)</source>
        <translation>{source} 第 {row} 行：缺少 time_day 列（或 day、time）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{source} row {row}: missing column concentration (or conc)</source>
        <translation>{source} 第 {row} 行：缺少 concentration 列（或 conc）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{source} row {row}: missing column unit (or give the unit separately)</source>
        <translation>{source} 第 {row} 行：缺少 unit 列（或另行指定单位）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{source} row {row}: {n} cells but the header has {columns} columns</source>
        <translation>{source} 第 {row} 行：有 {n} 个单元格，但表头有 {columns} 列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{source}: no measured levels (the file has a header but no data rows)</source>
        <translation>{source}：没有实测浓度（文件有表头但无数据行）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{path}: file not found</source>
        <translation>{path}：找不到文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path}: cannot read the file ({error})</source>
        <translation>{path}：无法读取文件（{error}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path}: not UTF-8 text (byte {byte}); save the file as UTF-8 CSV</source>
        <translation>{path}：不是 UTF-8 文本（第 {byte} 字节）；请将文件另存为 UTF-8 CSV</translation>
    </message>
</context>
<context>
    <name>library_dialogs</name>
    <message>
        <location filename="../ui/library_dialogs.py" line="-121"/>
        <source>RIS files (*.ris)</source>
        <translation>RIS 文件 (*.ris)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BibTeX files (*.bib)</source>
        <translation>BibTeX 文件 (*.bib)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSL-JSON files (*.json)</source>
        <translation>CSL-JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MEDLINE files (*.nbib *.txt)</source>
        <translation>MEDLINE 文件 (*.nbib *.txt)</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>1 study</source>
        <translation>1 项研究</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} studies</source>
        <translation>{0} 项研究</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export citations</source>
        <translation>导出引文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import citations</source>
        <translation>导入引文</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export my favourites, tags and notes</source>
        <translation>导出我的收藏、标签和笔记</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>ATG Desk personal data (*.json);;All files (*)</source>
        <translation>ATG Desk 个人数据 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Import favourites, tags and notes</source>
        <translation>导入收藏、标签和笔记</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+4"/>
        <source>Restore personal data</source>
        <translation>恢复个人数据</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>There is no moved-aside copy of your personal data to restore.</source>
        <translation>没有可用于恢复的个人数据移出副本。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What can be read from the copy is added to your personal data (nothing is overwritten; notes that differ are appended). Copy to restore:</source>
        <translation>副本中可读取的内容将添加到您的个人数据中（不会覆盖任何内容；不同的笔记将追加在后面）。要恢复的副本：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Notes not saved</source>
        <extracomment>The answers of :func:`ask_unsaved_notes`.</extracomment>
        <translation>笔记未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your notes on 1 study could not be saved.

{1}

If you quit now, they are lost.</source>
        <translation>您对 1 项研究的笔记无法保存。

{1}

如果现在退出，这些笔记将丢失。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your notes on {0} studies could not be saved.

{1}

If you quit now, they are lost.</source>
        <translation>您对 {0} 项研究的笔记无法保存。

{1}

如果现在退出，这些笔记将丢失。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep ATG Desk open</source>
        <translation>保持 ATG Desk 打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the notes to a file…</source>
        <translation>将笔记保存到文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit and lose them</source>
        <translation>退出并丢弃笔记</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save the unsaved notes</source>
        <translation>保存未保存的笔记</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
</context>
<context>
    <name>model</name>
    <message>
        <location filename="../core/model.py" line="+619"/>
        <source>{name}: covariate missing (model &apos;{model}&apos; needs {needed})</source>
        <extracomment>Validity domain of the engine (a numerical limit, not a clinical figure): the first-order rates of the system — CL/V1, Q/V1, Q/V2 and the low-concentration rates of saturable processes Vmax·s/(Km·V1) and Tm·s/(Kmd·V1) — each at its largest within the covariates&apos; hard ranges and ±3 SD of inter-individual variability, must add up to at most this (per day). Their sum bounds the fastest eigenvalue; faster systems are stiff and the explicit integrator of the nonlinear models runs out of its step budget (200,000 steps; 8,000 per day did not finish) or, with tiny Km, steps below zero (negative AUCs were seen with km = 1e-9). Its time grows in proportion to the rate: one patient (2-compartment linear+MM, day -4 to 100) took 10 ms at 10 per day, 370 ms at 500, 820 ms at 1,000, 1.3 s at 1,530, 1.6 s at 2,000 and 3.6 s at 4,000 (6-11 s on a loaded machine); linear models use the closed form (&lt; 1 ms at any rate). No bound can give the ~100 ms a slider needs (about 120 per day) and keep the bundled model, whose most extreme corner (1 kg, ALC 200, +3 SD) reaches about 1,530 per day; the test fixtures and the documented example reach 2,140 and 2,590. So the bound stays here and slowness at the corners is the GUI&apos;s to handle (the bundled typical patient at its worst covariate corner takes ~140 ms).</extracomment>
        <translation>{name}：缺少协变量（模型“{model}”需要 {needed}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name}: must be a number or an array of numbers</source>
        <translation>{name}：必须为数值或数值数组</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name}: must be finite</source>
        <translation>{name}：必须为有限数值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name}: {value} {unit} is outside the model&apos;s hard range [{min}, {max}]</source>
        <translation>{name}：{value} {unit} 超出模型的硬界限范围 [{min}, {max}]</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{name} = {value} {unit} is outside the range the model was built for [{min}, {max}]; the prediction is an extrapolation</source>
        <translation>{name} = {value} {unit} 超出建立模型时所用的范围 [{min}, {max}]；预测为外推结果</translation>
    </message>
</context>
<context>
    <name>nca</name>
    <message>
        <location filename="../core/nca.py" line="+188"/>
        <source>adjusted R² {value} &lt; {limit}</source>
        <translation>校正 R² {value} &lt; {limit}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>regression spans {span} half-lives (&lt; {limit})</source>
        <translation>回归跨度为 {span} 个半衰期（&lt; {limit}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the regression includes the peak level</source>
        <translation>回归包含了峰浓度</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>row {row} (day {day})</source>
        <translation>第 {row} 行（第 {day} 天）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} level(s) below the limit of quantification excluded: {rows}</source>
        <translation>已排除 {n} 个低于定量下限的浓度：{rows}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the first level is on day {day}: AUC from day 0 to day {day} is not covered (not counted)</source>
        <translation>第一个浓度在第 {day} 天：第 0 天至第 {day} 天的 AUC 未覆盖（不计入）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>levels after the horizon (day {day}) are not counted in the post-HCT AUC</source>
        <translation>计算时间范围（第 {day} 天）之后的浓度不计入移植后 AUC</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>terminal phase not estimable (need ≥ 3 positive, falling levels after the peak)</source>
        <translation>无法估计终末相（需要峰值之后至少 3 个为正且逐渐下降的浓度）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>terminal phase questionable: {reasons}</source>
        <translation>终末相存疑：{reasons}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{pct} % of AUC∞ is extrapolated (&gt; {limit} %)</source>
        <translation>AUC∞ 中有 {pct} % 为外推（&gt; {limit} %）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the last level is before day 0: any dose after it makes the extrapolation invalid</source>
        <translation>最后一个浓度在第 0 天之前：其后的任何剂量都会使外推无效</translation>
    </message>
</context>
<context>
    <name>products</name>
    <message>
        <location filename="../core/products.py" line="+29"/>
        <source>dose per day</source>
        <translation>每日剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cumulative dose</source>
        <translation>累计剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first infusion time</source>
        <translation>首剂输注时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>later infusion time</source>
        <translation>后续各剂输注时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>infusion time</source>
        <translation>输注时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Beyond the label: {quantity} {value} {unit} is above {limit} {unit}, the {why} — {source}</source>
        <translation>超出说明书：{quantity} {value} {unit} 高于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Beyond the label: {quantity} {value} {unit} on day {day} is above {limit} {unit}, the {why} — {source}</source>
        <translation>超出说明书：第 {day} 天的{quantity} {value} {unit} 高于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Beyond the label: {quantity} {value} {unit} on days {days} is above {limit} {unit}, the {why} — {source}</source>
        <translation>超出说明书：第 {days} 天的{quantity} {value} {unit} 高于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Beyond the label: {quantity} {value} {unit} is below {limit} {unit}, the {why} — {source}</source>
        <translation>超出说明书：{quantity} {value} {unit} 低于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Beyond the label: {quantity} {value} {unit} on day {day} is below {limit} {unit}, the {why} — {source}</source>
        <translation>超出说明书：第 {day} 天的{quantity} {value} {unit} 低于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Beyond the label: {quantity} {value} {unit} on days {days} is below {limit} {unit}, the {why} — {source}</source>
        <translation>超出说明书：第 {days} 天的{quantity} {value} {unit} 低于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refused: {quantity} {value} {unit} is above {limit} {unit}, the {why} — {source}</source>
        <translation>未接受：{quantity} {value} {unit} 高于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused: {quantity} {value} {unit} on day {day} is above {limit} {unit}, the {why} — {source}</source>
        <translation>未接受：第 {day} 天的{quantity} {value} {unit} 高于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused: {quantity} {value} {unit} on days {days} is above {limit} {unit}, the {why} — {source}</source>
        <translation>未接受：第 {days} 天的{quantity} {value} {unit} 高于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refused: {quantity} {value} {unit} is below {limit} {unit}, the {why} — {source}</source>
        <translation>未接受：{quantity} {value} {unit} 低于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused: {quantity} {value} {unit} on day {day} is below {limit} {unit}, the {why} — {source}</source>
        <translation>未接受：第 {day} 天的{quantity} {value} {unit} 低于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused: {quantity} {value} {unit} on days {days} is below {limit} {unit}, the {why} — {source}</source>
        <translation>未接受：第 {days} 天的{quantity} {value} {unit} 低于 {limit} {unit}（{why}）— {source}</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>{type} ({country}), derived, {address}</source>
        <translation>{type}（{country}），推算，{address}</translation>
    </message>
</context>
<context>
    <name>regimen</name>
    <message>
        <location filename="../core/regimen.py" line="+73"/>
        <source>{name}: expected a number, got {value}</source>
        <translation>{name}：应为数字，实际为 {value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: must be finite, got {value}</source>
        <translation>{name}：必须为有限数，实际为 {value}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>start_day: {day} is outside ±{limit} days</source>
        <translation>起始日：第 {day} 天超出 ±{limit} 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>amount: must be ≥ 0, got {amount}</source>
        <translation>剂量：必须 ≥ 0，实际为 {amount}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>duration_day: must be in [0, {limit}] days, got {days}</source>
        <translation>输注时长：必须在 [0, {limit}] 天内，实际为 {days}</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>{name}: must be a finite number ≥ 0, got {value}</source>
        <translation>{name}：必须为 ≥ 0 的有限数，实际为 {value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>day: {day} is outside ±{limit}</source>
        <translation>给药日：第 {day} 天超出 ±{limit} 天</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>duration_h: must be in [0, {limit}] hours, got {hours}</source>
        <translation>输注时长：必须在 [0, {limit}] 小时内，实际为 {hours}</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+43"/>
        <location line="+124"/>
        <source>weight_kg: must be &gt; 0, got {weight}</source>
        <translation>体重：必须 &gt; 0，实际为 {weight}</translation>
    </message>
    <message>
        <location line="-154"/>
        <source>schedule: needs at least one dose</source>
        <translation>给药方案：至少需要一剂</translation>
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <location filename="../ui/report.py" line="-279"/>
        <source>January</source>
        <translation>1 月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>February</source>
        <translation>2 月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>March</source>
        <translation>3 月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>April</source>
        <translation>4 月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>May</source>
        <translation>5 月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>June</source>
        <translation>6 月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>July</source>
        <translation>7 月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>August</source>
        <translation>8 月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>September</source>
        <translation>9 月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>October</source>
        <translation>10 月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>November</source>
        <translation>11 月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>December</source>
        <translation>12 月</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>local time</source>
        <translation>当地时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed {day} {month} {year}, {time} ({offset})</source>
        <translation>打印于 {year} 年 {month} {day} 日 {time}（{offset}）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Model source:</source>
        <translation>模型来源：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patient and inputs</source>
        <translation>患者与输入项</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+34"/>
        <source>Regimen</source>
        <translation>给药方案</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Prediction for the typical patient</source>
        <translation>典型患者的预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Across patients:</source>
        <translation>患者群体：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict:</source>
        <translation>判定：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uncertainty:</source>
        <translation>不确定性：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning:</source>
        <translation>警告：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scenarios compared (pinned)</source>
        <translation>方案比较（已固定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disclaimer.</source>
        <translation>免责声明。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Input</source>
        <translation>输入项</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scenario</source>
        <translation>方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post-HCT AUC</source>
        <translation>移植后 AUC</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verdict (typical patient)</source>
        <translation>判定（典型患者）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of patients in the target</source>
        <translation>处于目标范围内的患者比例</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{path}: the folder {folder} does not exist — nothing was written</source>
        <translation>{path}：文件夹 {folder} 不存在 — 未写入任何内容</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: cannot be written ({why}) — nothing was written</source>
        <translation>{path}：无法写入（{why}）— 未写入任何内容</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no data was produced</source>
        <translation>未生成任何数据</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: {why} — nothing was written</source>
        <translation>{path}：{why} — 未写入任何内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path}: could not be completed ({why}; the disk may be full) — nothing was written</source>
        <translation>{path}：无法完成（{why}；磁盘可能已满）— 未写入任何内容</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{path}: the written file is not a valid {kind}</source>
        <translation>{path}：写入的文件不是有效的 {kind}</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>{path}: the plot could not be rendered — nothing was written</source>
        <translation>{path}：无法绘制图 — 未写入任何内容</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>curve: nothing to export</source>
        <translation>曲线：没有可导出的内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>curve: contains values that are not finite; nothing was written</source>
        <translation>曲线：含有非有限数值；未写入任何内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model source: {source}</source>
        <translation>模型来源：{source}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input: {name}: {value}</source>
        <translation>输入项：{name}：{value}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regimen dose {k}: {cells}</source>
        <translation>给药方案第 {k} 剂：{cells}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Regimen: {line}</source>
        <translation>给药方案：{line}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target: {target}</source>
        <translation>目标：{target}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disclaimer: {text}</source>
        <translation>免责声明：{text}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>metrics: a value is not finite; the report was not written</source>
        <translation>指标：有数值不是有限数；未写出记录单</translation>
    </message>
</context>
<context>
    <name>scenario</name>
    <message>
        <location filename="../core/scenario.py" line="+164"/>
        <source>dose table row {row}: mg/kg must be ≥ 0</source>
        <translation>剂量表第 {row} 行：mg/kg 必须 ≥ 0</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dose table: a day is listed twice</source>
        <translation>剂量表：有一天列出了两次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>number of days: must be 1–60, got {days}</source>
        <translation>天数：必须为 1–60，当前为 {days}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{name}: the model needs height and sex for ideal body weight</source>
        <translation>{name}：模型需要身高和性别以计算理想体重</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: the model needs this covariate</source>
        <translation>{name}：模型需要此协变量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}: the calculator has no input for this model covariate</source>
        <translation>{name}：计算器没有此模型协变量的输入项</translation>
    </message>
</context>
<context>
    <name>targets</name>
    <message>
        <location filename="../core/targets.py" line="+35"/>
        <source>on or after day {lower}</source>
        <translation>第 {lower} 天或之后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>later than day {lower}</source>
        <translation>晚于第 {lower} 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on or before day {upper}</source>
        <translation>第 {upper} 天或之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before day {upper}</source>
        <translation>早于第 {upper} 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on or after day {lower} and on or before day {upper}</source>
        <translation>第 {lower} 天或之后且第 {upper} 天或之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on or after day {lower} and before day {upper}</source>
        <translation>第 {lower} 天或之后且早于第 {upper} 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>later than day {lower} and on or before day {upper}</source>
        <translation>晚于第 {lower} 天且第 {upper} 天或之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>later than day {lower} and before day {upper}</source>
        <translation>晚于第 {lower} 天且早于第 {upper} 天</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{lower} to {upper} {unit}</source>
        <translation>{lower} 至 {upper} {unit}</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>level below {threshold}</source>
        <translation>浓度低于 {threshold}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>post-HCT AUC</source>
        <translation>移植后 AUC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>total AUC</source>
        <translation>总 AUC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AUC before day 0</source>
        <translation>第 0 天前的 AUC</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>CANNOT TELL</source>
        <translation>无法判定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IN HARMFUL RANGE</source>
        <translation>处于有害范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BELOW THE HARMFUL RANGE</source>
        <translation>低于有害范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ABOVE THE HARMFUL RANGE</source>
        <translation>高于有害范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BELOW THIS BAND</source>
        <translation>低于此区间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>INSIDE THIS BAND</source>
        <translation>处于此区间内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ABOVE THIS BAND</source>
        <translation>高于此区间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BELOW TARGET WINDOW (too low)</source>
        <translation>低于目标范围（过低）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WITHIN TARGET WINDOW</source>
        <translation>处于目标范围内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ABOVE TARGET WINDOW (too high)</source>
        <translation>高于目标范围（过高）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AT OR BELOW {bound}</source>
        <translation>不高于 {bound}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BELOW {bound}</source>
        <translation>低于 {bound}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ABOVE {bound}</source>
        <translation>高于 {bound}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AT OR ABOVE {bound}</source>
        <translation>不低于 {bound}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ON OR AFTER DAY {bound}</source>
        <translation>第 {bound} 天或之后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LATER THAN DAY {bound}</source>
        <translation>晚于第 {bound} 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BEFORE DAY {bound}</source>
        <translation>早于第 {bound} 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ON OR BEFORE DAY {bound}</source>
        <translation>第 {bound} 天或之前</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{subject}: {headline} — {metric} {value}; target {target} ({outcome})</source>
        <translation>{subject}：{headline} — {metric} {value}；目标：{target}（{outcome}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{subject}: {headline} — level below {threshold} from day {day}; target {target} ({outcome})</source>
        <translation>{subject}：{headline} — 自第 {day} 天起浓度低于 {threshold}；目标：{target}（{outcome}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{subject}: {headline} — level below {threshold} not reached by day {day}; target {target} ({outcome})</source>
        <translation>{subject}：{headline} — 至第 {day} 天浓度仍未低于 {threshold}；目标：{target}（{outcome}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{subject}: {headline} — level below {threshold} not reached by day {day} (extend the horizon to place it); target {target} ({outcome})</source>
        <translation>{subject}：{headline} — 至第 {day} 天浓度仍未低于 {threshold}（延长计算时间范围方可判定）；目标：{target}（{outcome}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{subject}: {headline} — level below {threshold} not reached within the horizon; target {target} ({outcome})</source>
        <translation>{subject}：{headline} — 在计算时间范围内浓度未低于 {threshold}；目标：{target}（{outcome}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Typical patient</source>
        <translation>典型患者</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>value: missing</source>
        <translation>数值：缺失</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>value: must be finite</source>
        <translation>数值：必须为有限数值</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>custom window: needs 0 ≤ lower &lt; upper, got {lower}–{upper}</source>
        <translation>自定义范围：需满足 0 ≤ 下限 &lt; 上限，当前为 {lower}–{upper}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>your own window, no published source</source>
        <translation>您自定义的范围，无已发表出处</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>user-defined, no source</source>
        <translation>用户自定义，无出处</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>threshold: this target counts days below {threshold} {unit}; set the threshold to {threshold}</source>
        <translation>阈值：此目标统计的是浓度低于 {threshold} {unit} 的日期；请将阈值设为 {threshold}</translation>
    </message>
</context>
<context>
    <name>vocab</name>
    <message>
        <location filename="../ui/vocabulary.py" line="+15"/>
        <source>Randomised controlled trial</source>
        <translation>随机对照试验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prospective study (non-randomised)</source>
        <translation>前瞻性研究（非随机）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retrospective study</source>
        <translation>回顾性研究</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case report</source>
        <translation>病例报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case series</source>
        <translation>病例系列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Narrative review</source>
        <translation>叙述性综述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In vitro / laboratory study</source>
        <translation>体外 / 实验室研究</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Animal model</source>
        <translation>动物模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registry study</source>
        <translation>登记研究</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Human</source>
        <translation>人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mouse</source>
        <translation>小鼠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rat</source>
        <translation>大鼠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Non-human primate</source>
        <translation>非人灵长类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Human cells (in vitro)</source>
        <translation>人源细胞（体外）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mouse cells (in vitro)</source>
        <translation>小鼠细胞（体外）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allogeneic HCT: GvHD prophylaxis / conditioning</source>
        <translation>异基因造血干细胞移植：移植物抗宿主病预防 / 预处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Autologous HCT for autoimmune disease</source>
        <translation>自体造血干细胞移植治疗自身免疫病</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aplastic anaemia / marrow failure</source>
        <translation>再生障碍性贫血 / 骨髓衰竭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kidney transplant</source>
        <translation>肾移植</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Liver transplant</source>
        <translation>肝移植</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Islet transplant</source>
        <translation>胰岛移植</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simultaneous pancreas-kidney transplant</source>
        <translation>胰肾联合移植</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Autoimmune disease</source>
        <translation>自身免疫病</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type 1 diabetes</source>
        <translation>1 型糖尿病</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multiple sclerosis</source>
        <translation>多发性硬化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Systemic lupus erythematosus</source>
        <translation>系统性红斑狼疮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Systemic sclerosis</source>
        <translation>系统性硬化症</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multiple myeloma</source>
        <translation>多发性骨髓瘤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pure red cell aplasia</source>
        <translation>纯红细胞再生障碍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transplant immunology (mechanism)</source>
        <translation>移植免疫学（机制）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ischaemia-reperfusion injury</source>
        <translation>缺血再灌注损伤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rabbit ATG, Thymoglobulin (ATG-G / rATG)</source>
        <translation>兔 ATG，Thymoglobulin（ATG-G / rATG）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rabbit ATG-Fresenius / Grafalon (ATLG)</source>
        <translation>兔 ATG-Fresenius / Grafalon（ATLG）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rabbit ATG, brand not stated</source>
        <translation>兔 ATG，未注明品牌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Horse ATG, ATGAM (hATG)</source>
        <translation>马 ATG，ATGAM（hATG）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Horse ATG, brand not stated</source>
        <translation>马 ATG，未注明品牌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Horse ATG, Lymphoglobulin</source>
        <translation>马 ATG，Lymphoglobulin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anti-mouse antilymphocyte serum / thymocyte globulin (ALS, mATG)</source>
        <translation>抗小鼠抗淋巴细胞血清 / 胸腺细胞球蛋白（ALS、mATG）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ATG, product not stated</source>
        <translation>ATG，未注明产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No ATG product studied directly</source>
        <translation>未直接研究 ATG 产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Systematic review of randomised trials</source>
        <translation>随机试验的系统综述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prospective non-randomised cohort or controlled study</source>
        <translation>前瞻性非随机队列或对照研究</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retrospective study, registry, case series or case report</source>
        <translation>回顾性研究、登记研究、病例系列或病例报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mechanism-based reasoning: narrative review, in vitro or animal study</source>
        <translation>基于机制的推理：叙述性综述、体外或动物研究</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed study</source>
        <translation>原始清单研究</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dosing &amp; PK reference</source>
        <translation>给药与药代动力学参考文献</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seed document</source>
        <translation>原始文献清单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published abstract</source>
        <translation>已发表摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>registry record</source>
        <translation>注册记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>publisher page</source>
        <translation>出版商页面</translation>
    </message>
</context>
<context>
    <name>weights</name>
    <message>
        <location filename="../core/weights.py" line="+44"/>
        <source>{name}: expected a number, got {value}</source>
        <translation>{name}：应为数字，实际为 {value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: must be finite, got {value}</source>
        <translation>{name}：必须为有限数，实际为 {value}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>height_cm: must be in (0, 280], got {height}</source>
        <translation>身高：必须在 (0, 280] cm 内，实际为 {height}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sex: must be &apos;male&apos; or &apos;female&apos;, got {sex}</source>
        <translation>性别：必须为 &apos;male&apos; 或 &apos;female&apos;，实际为 {sex}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>height_cm: {height} cm gives a non-positive Devine ideal weight (formula is for adults)</source>
        <translation>身高：{height} cm 按 Devine 公式得出的理想体重不为正数（该公式适用于成人）</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+15"/>
        <source>weight_kg: must be &gt; 0, got {weight}</source>
        <translation>体重：必须 &gt; 0，实际为 {weight}</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>basis: must be one of actual, ideal, adjusted; got {basis}</source>
        <translation>给药体重依据：必须为 actual、ideal 或 adjusted 之一，实际为 {basis}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>height_cm: needed for the ideal weight basis</source>
        <translation>身高：按理想体重给药时需要身高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>height_cm: needed for the adjusted weight basis</source>
        <translation>身高：按校正体重给药时需要身高</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sex: needed for the ideal weight basis</source>
        <translation>性别：按理想体重给药时需要性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sex: needed for the adjusted weight basis</source>
        <translation>性别：按校正体重给药时需要性别</translation>
    </message>
</context>
</TS>
