"""The words that decide what a sentence shows: negation, plans, titles and checkable detail.

Kept apart from the matcher so that the vocabulary can be read (and extended) in one
place. Every pattern runs on normalised text (full-width punctuation folded).
"""

from __future__ import annotations

from functools import lru_cache

from scorer import regex_cache
from scorer.start_chars import searched_at_starts

# The most items a list pattern (…、…、…等方面) takes. `re` tries such a pattern from every
# character of a clause, and a run of items without a bound reads every item up to the clause's
# end from each start before it gives up, so a long list that never reaches its closing word
# (a hostile line of 培训、培训、…) costs the square of its length; bounded, each start reads at
# most this many. Real lists name a few fields, rarely more than a dozen.
_LIST_MAX = 30

# (For the same reason every run of numerals in a shipped pattern is written with an upper bound,
# \d{1,20} and [一二三…]{1,20}, never + or *: a count pattern tried from each numeral of a long
# run reads the rest of it every time. No numeral in the labelled reports reaches 20 characters,
# and a count after a longer run is still found from the run's last 20. tests/test_numeral_runs.py
# holds the rules and these modules to it.)

# (…or a title the text ends inside: a page copied up to a length stops mid-name, 印发《关于进一步
# 规范 — still the name of a document, cut; only at the sentence's very end, with no stop after it)
TITLE_SPAN = regex_cache.compile(r"《[^《》]{1,80}》|《[^《》。；;！？!?]{2,80}$")
# Titles of laws and of higher authorities' documents: citing or studying them is not doing the work.
# (a bracket left open is a typo that still names the law: 《法治政府建设实施纲要(2015-2020年》)
LAW_TITLE = regex_cache.compile(r"(法|法典|条例|规定|纲要|意见|决定|规划|规章)(\([^)]*\)?)?(\(试行\)|\(草案\)|修正案)?》$")
# A book, a speech or the Party's constitution is studied, never the department's own document
# unless it says it wrote it (学习《习近平谈治国理政》《中国共产党章程》).
BOOK_TITLE = regex_cache.compile(r"^《(习近平|论|毛泽东|邓小平|中国共产党章程|党章)|(选读|选编|读本|概论|问答|讲话|文选|著作|公开课|学习纲要)》$"
    # (…nor is a newspaper or a periodical that carried the work: 《江城日报》开设专栏, 人民日报《法治参阅》刊载)
    r"|(日报|晚报|时报|法治报|法制报|参阅|杂志|周刊|画报)》$")
# A title preceded by these is cited as the basis of something, not produced or studied.
CITED_AS_BASIS = regex_cache.compile(r"(根据|按照|依据|依照|遵照|对照|贯彻|落实|贯彻落实|执行)[^,。;]{0,2}$")
TITLE_LIST_MIN = 3
# …unless the listed title names a particular document — its issuer's place or body, or its
# year (《金平县党政主要负责人述法办法》, 《应急管理2022年普法责任清单》): that is a document of
# the work (detail). A 《…制度》 in a list of rules stays a rule named, with or without its
# issuer (the catalogue: 《法律顾问制度》 among documents only is asserted).
NAMED_DOCUMENT = regex_cache.compile(
    r"^(?![^》]*制度》)(《[^》]*20\d\d|《[\u4e00-\u9fff]{1,10}?(省|市|县|区|旗|州|盟|镇|乡|街道|街(?![头巷面区])|局|厅)(?!场|长)"
    # (…or opens with its issuing government itself: 《州人民政府重大事项合法性审核流程》)
    r"|《(省|市|县|区|旗|州|盟)?人民政府"
    # a notice or opinion on a subject (《关于进一步加强规范性文件合法性审查工作的通知》): one
    # document, issued once, not the name of a standing system
    r"|《关于[^》]{4,}(通知|意见|办法|规定|方案|决定|细则|措施)》)"
    # A title that opens with the act it puts in place (《全面推行行政执法公示制度执法全过程记录
    # 制度重大执法决定法制审核制度》) is the document doing it, even if it ends in 制度: not the
    # bare name of a standing rule (《法律顾问制度》)
    r"|^《(全面推行|推行|全面实施|实施|进一步|加强|规范)[^》]{4,}》"
)
# (r19) …or a list that the sentence then has adopted or approved (《…公示制度》《…监督员制度》等四项
# 制度已经市政府常务会议审议通过; 由市司法局申报的《…规范》《…规范》获批地方标准): the documents
# made, an act on them, not rules named only.
LIST_ADOPTED = regex_cache.compile(r"(?:等[^,。;《》]{0,12})?[,、]?[^。;《》]{0,28}?(审议通过|获批|获得批准|批准(发布|实施)|正式(印发|发布|施行))")
# Verbs before a title that make it the department's own document (detail of its work),
# whatever its name ends in: 印发《XX局关于…的实施意见》. (…and the same verb with the
# carrying-out after it, 制定并全面实施《…》, or with the level it was made at, 制定出台街道层面《…》:
# still the unit making it)
OWN_DOCUMENT_VERB = regex_cache.compile(r"(制定|出台|印发|编制)((并|和|及)[^,。;《的]{0,4}(实施|执行|落实|施行)|[^,。;《的]{0,4}(层面|本级))$|(?<!新)(制定|拟定|草拟|编发|印制|印发|出台|修订|修改|起草|编制|编撰|编印|发布|下发|制发|出具|形成|建立|签订|审议通过|通过了?|起草了?|完善了?|公布|编写|汇编)(了|出)?[^,。;《的]{0,3}$")
# A title that opens with a local body's or place's name is a local document — the
# department's own or its government's (《市科技局领导干部学法用法制度》, 《桐溪区…规划》) —
# unless it is a national or provincial one — or opens with a level, not a place (《县级公安机关
# 主要负责人履行…“十条”》, 《市级…》: a higher body's document for every body of that level; v27b).
LOCAL_TITLE = regex_cache.compile(
    r"^《(20\d\d年度?)?(?![省市县区乡镇]级|中华人民共和国|中共中央|国务院|全国|中央|国家|最高|[\u4e00-\u9fff]{1,3}省|[\u4e00-\u9fff]{1,6}自治区|省)"
    r"[\u4e00-\u9fff]{0,10}(市|县|区|旗|州|盟|镇|乡|街道|街(?![头巷面区])|局|委|办|厅|中心|管委会)"
)
# A title that names a government or a Party committee, not a department: 《渠县人民政府…》,
# 《中山市2020年依法行政工作要点》, 《罗平县委…》 — the places, then the government or the year.
# (中共 before the place is the Party's, not the place's name; and a place's name never runs on
# past its 委: 《中共淮南市委全面依法治市委员会2024年工作要点》 is 淮南市's, not the place
# "淮南市委全面依法治市")
GOVERNMENT_TITLE = regex_cache.compile(
    r"^《(20\d\d年度?)?(中共)?(?P<place>(?:(?:(?!委)[\u4e00-\u9fff]){1,6}?(?:省|市|县|区|州|盟|旗))+)"
    r"(人民政府|政府|委员会|委|20\d\d|\d{4}年|法治|依法|全面|关于|推进|贯彻|创建)"
)
# An issuer below that government, once its place is read off: a department (…局, …委员会)
# or a township (…乡, …镇, …街道).
ISSUER_BELOW_GOVERNMENT = regex_cache.compile(r"局|委员会|厅|办公室|中心|乡|镇|街道|管委会|(?<!人民政)府办")
# A local 《…条例》 or 《…法》 is legislation (《天津市优化营商环境条例》), not a department's
# own document; 《…办法》 may well be one.
LEGISLATION_TITLE = regex_cache.compile(r"(条例|(?<!办)法)(\([^)]*\))?》$")
# …and before which a title is a law or a higher document studied, publicised or cited
# as the basis — never detail of the work.
# (not the study group's name before its own rules: 理论学习中心组《学习规则》 is the group's document)
STUDIED_OR_CITED = regex_cache.compile(r"(学习|学|宣传|宣讲|讲授|讲解|授课|解读|根据|按照|依据|依照|遵照|对照|对标|对表|围绕|聚焦|结合|培训|研讨)[^,。;《]{0,4}(?<!中心组)$")
# …of which a lecture's or a lesson's titles are what was taught (专家讲授《…》《…》等内容)
LECTURED = regex_cache.compile(r"(讲授|讲解|授课|讲座|主讲)[^,。;《]{0,4}$")
# …and the same acts said after the title or its list (加强《…条例》《…办法》等新规释法宣传, 《…学习
# 纲要》等内容的学习宣传, 以《…》为主题): the title is still what was studied or publicised (the
# catalogue: "the title of a law, book or speech that is studied or publicised" is not detail).
# Not a leaflet of the department's own (发放《…解读》宣传手册), nor a named lecture series or
# forum (《行政执法大讲堂》的培训学习), which is an event. (Matched at the end of the title list.)
STUDIED_AFTER = regex_cache.compile(
    r"(等(一系列|系列)?|及其)?(内容|新规|法律法规|法规|规章|文件|书籍|读本)?的?(集中|专题|深入|系统)?"
    r"(学习|宣传|宣讲|解读|释法|普法)(?!手册|资料|材料|册|品|单|页|栏|片|海报|展板)"
    r"|为(主题|内容|重点内容)")
STUDIED_AFTER_EVENT = regex_cache.compile(r"(讲堂|课堂|论坛|大赛|竞赛|活动|专栏|节目)》$")
# Applying a document: 落实《市科技局学法用法制度》 applies the department's own rules (detail),
# 贯彻落实《湖南省法治政府建设实施方案》 cites a higher one (not detail).
APPLIED = regex_cache.compile(r"(贯彻|落实|执行|遵守)[^,。;《]{0,4}$")
# …and a title said outright to be a higher body's (严格执行上级印发的《…免罚清单》, 落实上级部门
# 制定的《…》, 执行国家市场监管总局发布的《…》; not 省…: a province's own report says it of
# itself): the unit applies another's document, which is not its own work on the requirement
# (the catalogue: a higher authority's document cited is not detail).
# Matched on the words before the title; the unit's own (本局印发的《…》) is not a higher body.
HIGHER_ISSUED = regex_cache.compile(
    r"(上级|上一级|中央|国务院|国家)[^,。;《本我]{0,10}?(印发|制定|出台|下发|发布|制发|编制|公布)(实施)?的?$")
# …but the spirit of it followed (贯彻落实《…第一责任人职责规定》的精神) is the basis cited
SPIRIT_AFTER = regex_cache.compile(r"的?(精神|要求)")
# …and a list of titles whose spirit is carried out (《A》、《B》等文件精神, 《…方案》的精神):
# documents cited as the basis, even without a verb right before them.
SPIRIT_OF_LIST = regex_cache.compile(r"(等(一系列|系列)?(文件|规定|会议|讲话|政策)?)?的?精神")

NEGATION = regex_cache.compile(
    r"尚未|尚不|尚无|未能|未按|未及时|未曾"
    # (u26a) (a meeting not held, a body not set up — 全年未召开法治建设专题会议, 部分乡镇未成立
    # 依法治镇委员会 — is the work not done, as 未建立 is)
    # (no normative document issued this year — 今年以来未制定规范性文件 — is a fact about
    # the year, not a gap in the work)
    r"|未(?!(制定|出台|印发|发布|制发)[^,，。;；]{0,6}规范性文件)"
    r"(开展|建立|落实|严格|全面|实现|形成|完成|设立|制定|编制|公开|公示|进行|到位|配备|聘请|组织|执行|出台|纳入|报送|备案|审核|审查|开通|覆盖|召开|成立)"
    # (u26b) a meeting or a hearing not held (党组未专题研究法治工作, 主要负责人未专门听取法治工作汇报,
    # 年内未召开领导小组会议) is a gap admitted as 未开展 is
    r"|未(专门|专题|定期|及时)?(听取|研究|部署|召开)"
    # (v27d) not yet wholly done (整改仍未完全到位, 尚未全部落实): a gap admitted as 未到位 is
    r"|未(完全|全部|真正)(到位|落实|完成|实现|覆盖|建立|形成)"
    # (v27d) work said to be still at its start (智慧执法建设还处于起步阶段): a gap admitted
    r"|(还|仍|尚|总体)处于(起步|初始|初级)阶段"
    r"|未经[^,，。]{1,12}(即|就|便|直接)"
    # (s26e, s26h) work done in name only (普法工作流于形式, 学法走过场) is a gap admitted; 防止/避免
    # 流于形式 is the problem tackled (TACKLED below); 淡薄, 不明显: a weak or unseen result
    # admitted (学法意识淡薄, 学法效果不明显)
    r"|没有(?!发现|发生|出现|收到)|不到位|不够|有待|不高|不强|(?<!存在)(?<!存在的)不足|薄弱|欠缺|缺乏|滞后|不完善|不健全|不规范|不充分|不平衡|不深入|不及时|较少|偏少|较弱"
    # (t26b) 不严: a check or a rule kept loosely (审核把关不严, 执法不严) is a gap admitted; not
    # 不严重 (a matter found minor); 不全面 (清理不全面), and papers filed late or missed (迟报,
    # 漏报) are gaps admitted as 不及时 is
    # (r30d) 存在(的)不足 admits a gap, except as the name of a report's part in a list of the
    # parts (报告内容涵盖主要举措、存在不足和下一年度安排; 存在的不足和原因、下一年度工作安排;
    # a 述法's: 履职情况、存在不足和改进措施):
    # the sentence is about the report, not the unit's gaps
    r"|存在的?不足(?![^,，。;；、]{0,4}[、和及与以][^,，。;；]{0,10}(安排|打算|计划|思路|举措|措施|成效|方向)|(和|及|与)原因)"
    r"|流于形式|走过场|淡薄|不明显|不严(?!重)|不全面|迟报|漏报|不熟悉"
    # (s26c, s26f) a rate still high or low, a problem still recurring (败诉率依然偏高, 参训率偏低,
    # 越级上访时有发生)
    r"|偏高|偏低|居高不下|时有发生"
    # (u26c) one side of the work put before the other, or zeal at the top only (上热下冷) (重执法、轻普法, 重实体轻程序, 重审批轻监管):
    # the stock words of a gap admitted. Not 重大/重点/重要 read as 重, nor 轻微/轻松 as 轻
    # (u26c) the forms too few or the work too loosely tied (普法形式较为单一, 与业务结合不紧密,
    # 存在形式化倾向); not 单一窗口 or 单一来源 (a single window or source, no gap)
    r"|(较为|比较|过于|还?较|仍较|相对|形式|方式|手段|载体|渠道|方法)单一(?!窗口|来源)|不紧密|形式化"
    r"|上热(中温)?下冷|(?<![加严注尊看偏])重(?!大|点|要|复|新|视|庆|申|构|塑|组|建|拳|在|于|心)[\u4e00-\u9fff]{1,4}[、，,]?轻(?!微|松|易|度|型|工|伤|重)"
    # (s26e, s26h) a need still there (仍需进一步加强, 还需拓展, 尚待完善) is the gap admitted, as
    # 有待加强 is (not 还要: 不仅…还要加强 states a principle)
    r"|(仍|还|尚)(需|待|须)(进一步)?(加强|提高|提升|拓展|完善|发挥|增强|规范|健全|强化|深化|加大)"
    # (u26a) too seldom, said 不多 (专题研究法治建设的次数还不多, 研究不多、部署不够) — not 差不多,
    # 为数不多, 不多见
    r"|(?<![差为数])不多(?!见)"
    # (r17) a means or a qualification the unit admits it lacks (我局不具备统计执法资格, 尚不具备独立执法条件);
    # not the people or firms lacking it that the unit acts on (清理不具备执法资格的人员: …的 after it)
    # ((r20) …and lacking what the unit needs, 的 before the lacking thing (不具备独立开展执法的条件, 尚不具备…的
    # 能力): still the gap; only 的 before another noun is the people or firms acted on)
    r"|不具备(?![^,，。;；]{0,16}的(?!条件|能力|资质|基础|水平|实力))"
    # ((r20) the means said not to meet the need (仅有2名干部持有执法证件，难以满足执法工作需要; 力量难以适应
    # 执法任务): a gap admitted as 不足 is)
    r"|难以(满足|适应|胜任|支撑)"
    # (整改不彻底, 落实不彻底: a gap the reports admit in these words as often as 不到位)
    r"|不彻底"
    # (t26c) means admitted as lacking (执法记录设备短缺, 法治人才匮乏, 法制审核力量紧缺)
    r"|短缺|匮乏|紧缺"
    # (u26b) a fault said to persist (仍存在重业务轻法治的现象, 第一责任人职责落实还存在层层递减现象,
    # 依然存在差距): the gap admitted in the shortcomings' own words; not 存在的问题 named as the
    # thing tackled (TACKLED below: 针对…仍存在的问题)
    r"|(仍|还|依然|依旧|仍然)(不同程度地?)?存在[^,，。;；]{0,16}(现象|差距|短板|倾向|情况)"
    # (…and a 现象 or 倾向 said to exist at all, 存在“上热下冷”现象, 存在重实体轻程序倾向; not 不存在/未
    # 发现存在, a fault ruled out)
    r"|(?<![不未无])(?<!发现)存在[^,，。;；]{0,16}(现象|倾向)"
    # (…and a duty kept in words only, 停留在口头上/表面/纸面上, or a gap said plainly, 还有一定差距;
    # not 没有差距, nor 缩小差距, where 有 is not the verb)
    r"|停留在(表面|口头|纸面|会议|文件)|(?<![没无])有(一定|较大|不小|明显)?的?差距"
    # (y28b) …or a work said to be still stuck at a first stage (研究部署仍停留在年初安排、年底总结,
    # 学法还停留在读文件、听讲座层面): the gap admitted whatever the stage is; not a change
    # reported (不再停留在…, 不仅停留在…)
    r"|(?<![不再])(仍|还|依然|依旧|仍然|只|仅|大多)停留在"
    # (u26f) oversight or care missing or too lax (对基层执法的监督缺位, 执法监督存在宽松软现象,
    # 问责失之于宽): a gap admitted; not the slogan 补位不缺位 / 到位不越位不缺位
    r"|(?<![不防])缺位|宽松软|失之于?(宽|软)"
    # ((r16) a cause said to hold the work back (分工不合理制约公职律师作用的发挥, 力量不足制约审核质量
    # 提升): a gap admitted with its cause; not the oversight of power (权力制约和监督, 制约机制) nor a
    # hindrance removed (破除/消除制约…的障碍 — TACKLED-like verbs before it))
    r"|(?<!破除)(?<!消除)(?<!破解)(?<!打破)制约(?!和|与|监督|机制|权力)[^,，。;；]{0,16}(作用的?发挥|发挥|提升|提高)"
)
# …unless the clause says the problem was tackled (针对…不到位的问题，制定了…).
# (…but a problem said to be still unsolved is no problem tackled: 尚未得到根本解决, 难以纠正)
# (…nor the putting right itself said to be unfinished: 巡察反馈问题整改尚未完成, 整改不彻底;
# (v27d) 整改还不够彻底, 整改仍未完全到位 — the same admission, 不够 or 完全 between)
# (w27d) 整治/治理 put a problem right as 整改 does (对执法不规范问题开展专项整治, 整治不规范执法问题12个);
# 整治不到位/治理不彻底 is the putting right admitted unfinished
UNTACKLED = regex_cache.compile(r"(未|没有|难以|无法|不能)[^,，。;；]{0,6}(解决|纠正|整改|整治|治理|克服|弥补|扭转|改变|缓解)"
                                r"|(整改|整治|治理|解决|纠正)[^,，。;；]{0,4}(尚未|未|没有|不够|不)(完全|全部|真正)?(完成|到位|彻底|落实|见效)(?!的)"
                                # (r29b) …or said to lag (巡察反馈问题整改进度滞后, 审计整改推进缓慢): the
                                # putting right admitted slow, not a lag of others acted on
                                r"|(整改|整治|治理)(工作)?(的)?(进度|进展|推进)?(仍|还|依然|总体)?(滞后|缓慢|迟缓)(?!的)")
# A fault of others' that the unit acts on (TACKLED below): the words that describe the units,
# people or matters at fault, not the unit's own gap…
_OTHERS_FAULT = r"(不到位|不及时|不规范|不力|不严|不合格|不达标|靠后|滞后|较差|未按|未经|未及时|违规|逾期|超期)"
# …and the acting on them admitted weak further on (督促不够有力, 约谈不及时): then it stays a gap.
_ACTING_WEAK_AFTER = r"(?![^,，。;；]{0,8}(不够|不到位|不力|不及时|乏力|缺位))"
TACKLED = regex_cache.compile(r"针对(?!性)|解决(?![^,，。;；的]{0,6}(问题|纠纷|矛盾|难题|困难)的?(能力|水平|本领))|纠正|(研究|协调(?!配合)(?![^,，。;；]{0,4}(不到位|不够|不畅|不力|欠缺|不顺))|会商)[^,，。;；]{0,60}(困难|问题)|整改|整治|治理|研究分析|分析研判|查找|破解|克服|弥补|防止|杜绝|避免|扭转|改变|补齐|补足|缓解"
                              # ((r18) 缓解 eases the shortage it names: 一定程度上缓解了基层办案力量不足的矛盾)
                              # ((r17) not 协调 as the fault itself, 协调配合不到位/协调联动不够顺畅 listed among the gaps)
                              # (y28b: not 解决 as a skill that a gap says is lacking — 运用法治思维解决问题的
                              # 能力还有待提高 is the gap admitted, nothing put right)
                              # (x28d) the fault is others', found and acted on: 对…落实不到位的单位主要负责人
                              # 进行约谈, 对报送备案不及时的乡镇电话提醒 — the gap word describes the units
                              # called to account (the work done), not the unit's own admitted gap
                              # ((r20) …or the problems of that kind fed back or handed on at once, the fault word
                              # before the problems: 对发现的文书制作不规范等问题逐一反馈, 对执法不规范问题及时通报)
                              r"|对[^,，。;；]{0,30}" + _OTHERS_FAULT + r"(等(方面的?)?|的)?(问题|情况|现象)[^,，。;；]{0,4}?(逐一|逐项|逐条|及时|当场|书面)?(反馈|通报|交办)" + _ACTING_WEAK_AFTER +
                              r"|对[^,，。;；]{0,30}" + _OTHERS_FAULT + r"[^,，。;；]{0,20}?的[^,，。;；]{0,16}"
                              # (not the acting on them admitted weak: 对整改不到位的单位督促不力)
                              # (r29b) …or the lagging matters handed down and struck off by the leader or
                              # the meeting (对进度滞后的事项当场交办、限期销号, 对推进滞后的单位逐一点评,
                              # 对滞后指标挂账督战): the lag is others', the handing down the work done (not when
                              # the acting is admitted weak further on: 交办后跟踪问效不够)
                              # (r31a: …or docked points in the review, 对…落实不到位的单位扣减绩效分)
                              r"(约谈|提醒|通报|问责|追责|督办|函告|责令|督促|曝光|交办|销号|催办|督导|督查|督战|点评|挂账|挂牌|跟踪问效|扣分|扣减|扣除)(?![^,，。;；]{0,2}(不|乏力|缺位|较少|偏少))" + _ACTING_WEAK_AFTER +
                              # (r29b) …or the acting said first, the units or people at fault its object
                              # (约谈考核排名靠后的2个乡镇主要负责人, 督促报备不及时的3个部门限期补报,
                              # 通报批评执法文书制作不规范的4个执法中队, 约谈未按规定佩戴执法记录仪的执法
                              # 人员5名): the gap word describes the object called to account. Not where it
                              # follows the verb at once as 不… (督促不及时的问题: the acting itself lacking), nor an
                              # object that is a fault named (…的问题/现象/情况), nor the acting admitted weak
                              # further on (督促工作滞后的单位不够有力)
                              r"|(约谈|提醒|通报|问责|追责|督办|函告|责令|督促|曝光|交办|催办|点名|点评)(?!不)[^,，。;；]{0,12}?" +
                              _OTHERS_FAULT +
                              r"[^,，。;；]{0,16}?的[^,，。;；]{0,6}?(单位|部门|乡镇|街道|镇街|村|社区|科室|股室|中队|大队|执法人员|工作人员|人员|负责人|企业|事项|任务)" +
                              _ACTING_WEAK_AFTER +
                              # …or the fault ruled out as a cause: 未因执法不规范引发行政复议和诉讼
                              r"|(未|没有|无)(发生)?(因|由于)[^,，。;；]{0,20}(引发|引起|导致|造成)"
                              # (r29c) …or the fault itself ruled out as a case (全年未出现未经审核即发文
                              # 的情况, 没有发生未经法制审核即作出决定的问题): 未经…即 is the gap, 未出现 denies it
                              # ((r31b) and so for papers filed late or missed, NEGATION's 迟报/漏报: 未出现漏报
                              # 迟报, 全年没有发生迟报漏报的情况 denies the fault)
                              r"|(未|没有|无|杜绝)(出现|发生)(过)?[^,，。;；]{0,4}(未经|迟报|漏报)"
                              # (r31c) …or the faults an inspection or review found, counted (评查案卷，发现
                              # 文书不规范等问题17个; 检查出程序不规范问题5处): the finding is the work reported,
                              # the gap word describes what was found in others' files, not the unit's own gap
                              r"|(发现|查出|查找出|排查出|评查出|检查出)[^,，。;；]{0,20}?(问题|瑕疵)[^,，。;；]{0,4}?"
                              r"[\d一二三四五六七八九十两百]{1,20}(余|多)?(个|处|项|条|起|件|类)"
                              # (r31c) …or a fault named as the topic (对…问题，) and acted on in the next clause
                              # (对群众反映的执法不规范问题，及时约谈中队负责人): as 针对 is
                              r"|对[^,，。;；]{0,30}(问题|现象)[,，][^,，。;；]{0,6}(约谈|通报|督促|责令|问责|追责|督办|限期|立即|逐一)" +
                              _ACTING_WEAK_AFTER)
# (u26a) (…or a sentence opened by the plan's own date: 计划于明年一季度召开…, 拟在明年上半年…; not
# 计划于2024年…, which may be this year's plan carried out; u26b: 下步, the short form of 下一步)
# (round 5, v27f and v27e: 于/在 may be left out, and intent has other words — 计划明年制定…,
# 拟明年上半年开展…, 准备明年…, 力争来年…: the next year named is the plan's)
# (x28a: 争取 is intent as 力争 is — 争取明年实现…)
# ((r18) …said with 在/于 first: 在下阶段工作中，…将…; 在今后的工作中, 在下一步工作中 — the time ahead)
# ((r19) 接下来 opening the sentence, with the future 将/要/还 after it: 接下来,讲师团将…)
PLAN_OPENER = regex_cache.compile(r"^\s*((在|于)?(下一步|下一阶段|今后|明年|来年|下一年度?|新的一年|下阶段|下步|接下来(?=[,，]?[^,，。;；]{0,16}?(将|要|还|拟|计划|继续)))|(计划|拟|准备|打算|力争|争取)(于|在)?(明年|来年|下一年度?))")
# 将 is also the disposal marker (把): 我局将法治建设纳入年度考核 reports what was done. It is a
# plan only when the clause does not go on to put its object somewhere (纳入/列入/列为/作为…),
# or when 将 is followed by a word of the future (我局将继续把…纳入…).
PLAN_SUBJECT = regex_cache.compile(
    # (u26b: a township's, street office's or place's own report says 我镇/我街道/我县 as a
    # department's says 我局; and 将把 is only the future, 将 the disposal marker never before 把)
    r"(我局|我们|我委|我办|本局|本单位|本部门|我厅|我单位|我镇|我乡|我街道|我区|我县|我市|我旗|我中心)"
    r"(将(?!(?!继续|进一步|持续|不断|全面|深入|着力|重点|大力|切实|认真|积极|坚持|加强|加快|推进|做好|努力|力争|把)"
    r"[^,，。;；:：]{1,30}?(纳入|列入|列为|作为|融入|贯穿|摆在|放在|写入))"
    # (not 我局要求… — a requirement made — nor 拟就/拟定了, drafted; (w27e) nor 拟 as the
    # attribute of the papers handled, 本局拟出台的规范性文件均经审核, 审核我局拟印发的文件12件:
    # the papers were to be issued, the review of them was done)
    r"|要(?!求)|计划|拟(?!就|定了|订了|(出台|印发|发布|制发|制定|上会|提交|签订|作出)的)|准备|打算)"
)
# (r16) the future said in the sentence's first clause by words that are never the disposal marker or a
# past act: a near time before 拟/将 with a verb of launching (近期拟推出第二批免罚清单, 年内将出台…办法).
# (将于 with the act to come is FUTURE_DATE's.) Only in the first clause: a later clause's intention beside
# work reported done leaves the sentence done (done and also planned is done).
PLAN_WITHIN = regex_cache.compile(
    r"^\s*[^,，。;；:：]{0,24}?((近期|年内|下半年|年底前)(还|也)?(拟|将)(推出|出台|开展|启动|制定|印发|修订|组织|召开|举办|上线)"
    # ((r18) a deadline ahead opening the sentence, the act after it not told done (年底前向社会公示
    # 2023年度重大行政决策事项的完成情况): what is to be done by then — not 年内, which reports tell
    # the year's work by (年内召开党组会议4次), nor with 已/了/均 in the clause)
    r"|年底前(?![^,，。;；]{0,40}(已|了|均|完成率|\d{1,20}(件|项|次|个)))[,，]?\s*(向|对|完成|开展|启动|公布|公示|公开|出台|制定|印发|修订|编制|组织|召开|举办|上线|实现|建成))"
)
YEAR_OPENER = regex_cache.compile(r"^\s*(20\d\d)\s*年(度)?[,，]?")
# (x28a) intent aimed at a later year than the report's (力争2024年实现…, 计划到2025年…, 拟于2024年
# 上半年…, in a 2023 report): a plan, as the year opening the sentence is (match._planned)
INTENT_YEAR = regex_cache.compile(r"^\s*(计划|拟|准备|打算|力争|争取)(于|在|到)?\s*(?P<year>20\d\d)\s*年")
# (r18) a target set for a year (到2025年，全省将建成一批…; 到2026年底，基本建成…): the sentence opened
# by 到 and a year, the target to come — a plan when the year is after the report's and no 已/共/累计
# tells it reached (match._planned); and a plan's target cited from the plan, 《方案》提出，到2017年底，
# 实现… or 《规划》明确，到2025年，…: the plan's content, whatever the year, not work reported done
# (catalogue: tasks named inside a plan are not evidence that each was done). Not 截至/至 (a count
# up to a date), nor a plan the unit issued (印发《…》，明确到2025年…: that opener is a verb of making).
# The words that say a target was reached, not set (已, a 共 count, 累计, 先后): TARGET_YEAR looks for
# them in its own clause, match._planned in the words after the target. ((r20) 共 the count's, not a
# word's second half or first: 公共资源, 社会共治, 共享 are no 共计)
_REACHED = r"已|(?<![公中])共(?![享同识性赢治建])|累计|先后"
TARGET_REACHED = regex_cache.compile(_REACHED)
TARGET_YEAR = regex_cache.compile(
    r"^\s*(?P<plan>([^,，。;；:：《》]{0,8}《[^《》]{1,40}》|[^,，。;；:：《》]{0,12}(方案|规划|意见|纲要|计划))(中|还|进一步)?(提出|明确|要求|指出|规定)[,，:：]?\s*)?"
    rf"到\s*(?P<year>20\d\d)\s*年(底|末|前|年底)?[,，]?(?![^,，。;；]{{0,20}}({_REACHED}))"
)
# (x28a) the future 将 opening a sentence whose subject is not 我局: after a year (2023年，将进一步
# 规范…), a time ahead (下半年/年底前/“十四五”期间，将…), a body named (局党组将每半年专题研究…,
# 县政府将组织…, 区城管局、区市场监管局将…, 镇党委还将…), or nothing at all (将推进信访工作法治化…):
# the writer's intention, whatever the year. 将 is the future only when a word of the future
# follows it straight away (继续/进一步/持续…), or a verb or an adverb of time or manner
# (推进/开展/每季度/定期/全面…) whose clause does not go on to put an object somewhere —
# 将法治建设纳入考核, 局党组将每月第一个周一确定为学法日 and 省政府将…列为重点 stay the disposal
# marker (把), done or a higher body's, never a plan (so do 将规范性文件报送备案, 将重点任务分解到
# 科室: where the clause may put its object somewhere, it is read as done). Only at the
# sentence's start: 将 after a verb (明确将每季度开展评查, 印发方案明确局党组将…) is the content
# of a plan made, done work; and the subject is no phrase of basis or partner (按照县政府…,
# 会同县公安局…, 报请县政府将…). A named body's 计划/拟/准备/打算 is its plan as 我局's is
# (PLAN_SUBJECT), with the same exceptions.
_LEAD_ITEM = r"([一二三四五六七八九十]{1,20}是[,，]?|[(（][一二三四五六七八九十\d]{1,20}[)）]|[一二三四五六七八九十\d]{1,20}[、.．])?\s*"
_LEAD_TIME = (r"((同时|此外|另外|其次|最后|接下来|(在)?新的一年里?|下半年|年底前|年内|[“\"]?十四五[”\"]?(期间|时期)|今后一个时期)[,，]?\s*)?"
              r"(20\d\d\s*年(度|起)?[,，]?\s*)?")
_LEAD_BODY = (r"((?!按照|根据|依据|依照|对照|结合|围绕|在|为|经|通过|由|向|对|与|和|同|配合|协助|协调|督促|指导|会同|联合|推动|"
              r"组织|报请|提请|请|邀请|接受|召开|印发|制定|成立|明确|要求)"
              r"[\u4e00-\u9fff、()（）]{0,12}?(党组|党委|党工委|党支部|政府|常委会|局|委|办|厅|院|中心|镇|乡|街道|科|室|部门|单位|队|所|站)"
              r"([(（][\u4e00-\u9fff]{1,4}[)）])?|我们|全县|全区|全市|全镇|全局|各级|各地)")
_LEAD_WHEN = r"((下一步|下步|今后|明年|来年)[,，]?)?(还|也|仍|亦|都|均)?"
PLAN_LEAD = regex_cache.compile(
    rf"^\s*{_LEAD_ITEM}{_LEAD_TIME}(({_LEAD_BODY}{_LEAD_WHEN}(计划(?![的内外中])|拟(?!就|定|订|(出台|印发|发布|制发|制定|上会|提交|签订|作出)的)|准备(?!工作|阶段)|打算))"
    # (r16) a body said to intend (区民政局等单位表示2022年也将…; 县医保局称将…): a news item's or
    # a summary's report of another body's intention, the future 将 after 表示/称 — never the disposal 将
    rf"|{_LEAD_BODY}(表示|称|透露)[,，]?\s*((20\d\d\s*年(度|内|起|底前)?|下半年|年底前|年内|今年|今后)[,，]?\s*)?{_LEAD_WHEN}将"
    # (r16) a sentence opened by 要 and a verb of work (要畅通群众诉求渠道…; 同时，要切实加强…): a
    # leader's or a meeting's demand on what is to be done, not work reported done — not 要求/要点/要件
    # ((r19) …said with the bodies addressed first (各行政机关要完善学法制度…; 各乡镇、各部门要…), and 牵头/
    # 组织/开展 among the verbs (要牵头开展新法宣传…): the directive, not work reported done)
    # ((r20) …the bodies addressed as other units name theirs (各股室、各站所要…; 各街道要…), and 结合/依托/立足/注重 among
    # the verbs (各科室要结合业务开展以案释法): the same directive)
    r"|(各[\u4e00-\u9fff、]{0,10}?(机关|部门|单位|乡镇|学校|科室|股室|处室|站所|街道|镇街|县区|区县)(都|均)?)?要(?=(进一步|切实|牵头|组织|开展|结合|依托|立足|注重|持续|继续|始终|坚持|着力|全力|大力|全面|深入|扎实|认真|积极|严格|不断|把|"
    r"畅通|加强|加快|加大|推进|推动|做好|抓好|落实|完善|健全|深化|提升|提高|强化|确保|建立|聚焦|围绕|牢固|树立|压实|筑牢|"
    # ((r20) …and the adverbs and verbs of attitude writers open the directive with: 各单位要高度重视…; 要更加
    # 注重…; 各部门要依法做好…; 各乡镇要主动接受…; 要自觉运用…; 各执法部门要统筹推进…)
    r"高度|更加|依法|主动|自觉|重视|统筹))"
    # ((r18) …with the body's standing said between: 区司法局作为政府行政执法监督机构，将严格…)
    rf"|({_LEAD_BODY}[,，]?作为[^,，。;；:：]{{2,30}}[,，]\s*)?{_LEAD_BODY}?{_LEAD_WHEN}将"
    r"((继续|进一步|持续|不断|坚持|努力|力争|全力|着力|把)"
    r"|(?![^,，。;；:：]{0,30}?(纳入|列入|列为|作为|融入|贯穿|摆在|放在|写入|编入|定为|确定为|明确为|设为|(与|同)[^,，。;；:：]{1,20}?(相?结合|融合|挂钩|衔接|对接)|(?<!面)向|落实到|分解|细化|转化|体现|覆盖|延伸|嵌入|固化|汇编|"
    r"报送|上报|报请|提交|交由|移交|移送|录入|上传|推送|印发|下发|送达|张贴))"
    r"(每(?![\u4e00-\u9fff]{1,4}的)|定期|至少|适时|逐步|尽快|全面|深入|重点|大力|切实|认真|积极|严格|加强|加快|加大|推进|推动|开展|组织|完善|健全|建立|落实|规范(?!性)|深化|提升|提高|强化|做好|抓好|实现|确保|探索|举办|召开|制定|出台|修订|启动|聚焦|围绕|以|在|于|充分|发挥|推行|贯彻|执行|自觉|主动|接受|争取|按照|结合|依托|通过|及时|扎实|统筹|"
    r"完成|实施|会同|牵头|联合|配合|协调|指导|督促|研究|谋划|着手)))"
)

# (r16) The plan said after a clause of basis or of time (按照《…办法》规定，下一步将对失信企业实施惩戒;
# 根据省厅部署，我局将…; 根据部署，继省级清单公布后，县级清单将于8月底编制完成): the basis cited or the
# time it follows states no work done, so the plan opening the rest is the sentence's as if it opened
# it (match._planned tries PLAN_OPENER, PLAN_LEAD and FUTURE_DATE on the rest).
# (r19) A notice of a hearing or consultation to be held (…,拟于3月16日召开居民燃气价格听证会,现将
#有关事宜公告如下; …,决定召开《…实施方案(征求意见稿)》听证会。): the meeting announced, not yet
# held — a plan — unless the sentence goes on to what it heard (听取意见32条, 已召开).
ANNOUNCED_MEETING = regex_cache.compile(
    r"(?:^|[,，])\s*(?:拟|决定|定于)(?:于|在)?(?>[^,，。;；]{0,60}?(?:召开|举行|举办))(?>[^,，。;；]{0,80}?(?:听证会|论证会|座谈会|征求意见会))"
    r"(?![^。;；]{0,120}?(?:已|了|\d{1,20}\s*(?:条|件|人|次|名)))")
PLAN_BASIS_LEAD = regex_cache.compile(
    r"^\s*((严格|认真)?(根据|按照|依据|依照|遵照)[^。;；:：]{0,60}?(要求|规定|部署|精神|安排|意见|通知|》)[^,，。;；:：《]{0,4}[,，]\s*)"
    r"(继[^,，。;；:：]{1,30}?(之)?后[,，]\s*)?"
)
# (r16) Something said to be done by a date ahead (县级权责清单将于8月底编制完成, 检查任务将于今年7月底完成,
# 平台将于年内上线), or with the act to come after 将于 (系统将于国庆前上线): the future 将于, the work not yet
# done (the acts listed leave out 施行/实施, so a law's entry into force is not taken by that form). Only when the
# clause opens the sentence (or the rest after PLAN_BASIS_LEAD) and no verb of a plan made, a rule or a
# demand stands before it (印发方案明确将于6月底前完成: the content of the plan made is done work; 规定每年将于…:
# a rule). ((r20) 拟于 as well: the intention dated ahead, never the disposal marker — 拟于下半年为各执法队
# 配备执法记录仪50台, 拟于明年一季度发布…清单 — a plan as 将于 is, under the same guard; and not after 对, where the
# dated thing is the object acted on: 对将于2024年施行的《…办法》开展宣传, 对拟于2024年退休人员以外的…开展轮训)
FUTURE_DATE = regex_cache.compile(
    r"^\s*(?:(?!明确|要求|规定|提出|确定|印发|制定|通知|决定|部署|已|于|对)[^,，。;；:：]){0,24}?(?:将|拟)于"
    r"((今年|本年度?|年内|年底|年末|近期|近日|下半年|上半年|[\d一二三四五六七八九十]{1,2}月|20\d\d年)"
    r"|[^,，。;；]{0,16}?(完成|开展|启动|举行|召开|上线|出台|推出|组织|印发|投入使用))"
)

UNITS = (
    "个工作日|工作日|学时|课时|批次|场次|人次|万元|亿元|万人|万份|万册|元|件|次|项|份|人|名|位|个|场|期|条|台|卷|家|本|户|批|篇|册|%|‰|"
    "小时|天|轮|所|处|部|套|张|起|宗|单|期|例|组|支|门|节|堂|页|类|封|块|辆"
)
# (块 and 辆: screens and vehicles counted for publicity — 2000余块电子屏, 1815辆出租车; s25)
# A score attained is a measured result (述法测评得分93分, 考核得分98.5分); the points an item
# weighs (分值占比5分) are not, nor 15分钟.
SCORE = r"(得分|评分|测评|考评)[^\d。,;，；]{0,6}\d{1,20}(\.\d{1,20})?\s*分(?![钟值])"
# Chinese numerals count too, with the units that do not also build set phrases
# (三项制度, 两个维护, 五个法定程序): 两次, 十二件, 三场, 四名工作人员. 一 is left out: 一次性,
# 最多跑一次, and 一名 is mostly a remit (明确一名党组成员具体负责) or 每一名党员.
CN_QUANTITY = (
    # (not 八届六次全会: a session's number, not a count — nor the sessions listed after it,
    # 六届二次、三次、四次全会)
    # (一 and 零 inside a number count too: 三十一件, 一百零五件; 宗, 本, 台, 册 and 批次 are
    # units too: 九宗, 一百二十本, 十二批次 — but not 四台账, nor the set phrase 千家万户;
    # 户 is left to Arabic figures for that phrase's sake; not 中央八项规定, a name)
    r"(?<![第一届“\"两二三四五六七八九十百千])(?<!次、)(一(?=[十百千万]))?[两二三四五六七八九十百千万][一两二三四五六七八九十百千万零〇]{0,20}"
    # (部, 支, 处, 学时, 天 too: 两部规章, 两支队伍, 三处阵地, 四十学时, 为期三天 — not 三部门, 两部委,
    # the program 三支一扶, 两处理, 三天两头; t26f)
    r"(余|多)?(次|件|场|名|人|期|批次|批|份|卷|家|篇|轮|起|条|场次|人次|项|宗|本|台|册|学时|课时|部(?![门委署分])|支(?!一扶|持|部)|处(?![理置罚分级室长])|天(?!两头|无理由))(?!性|账|万户|规定|制度|执法制度|清单|机制|原则|标准|行动|工作(?!人员)|改革|要求|承诺|服务|全会|全体会议|党代会|法定)"
    # 五个专项小组, 三个工作组 — but not the slogans 两个维护, 四个意识, 三个务必
    # (十余个, 二十多个: a rough count is a count, as 十余次 and 10余个 are)
    r"|(?<![第一“\"])[两二三四五六七八九十][一两二三四五六七八九十百]{0,20}(余|多)?个(?!维护|意识|自信|确立|务必|代表|全面|必须|坚持|一以贯之|善于|表率|着力|亲自|到位|优先|统筹|结合|坚决|严禁|不准|一律|始终|同步|法定|责任(?![人单部])|区分开来)"
    # (nor the statutory steps of a decision, 五个法定程序, the Party's 两个责任, 三个区分开来: t26f)
    # a percentage in words is a percentage (答复率达到百分之百, 百分之九十五以上; t26f)
    r"|百分之[零一二三四五六七八九十百](点[零一二三四五六七八九]{1,20})?"
    r"|连续([两二三四五六七八九十][一两二三四五六七八九十]{0,20}|\d{1,20})(年|次|届)"
    # (b) the heads of every level of a counted set giving 述法 (省市县三级年终述法实现全覆盖, 盟旗乡三级
    # 述法工作实现全覆盖): the heads of that many levels all counted, as checkable as 100% of them (not
    # 一级, a rank; not 第二级). (Only 述法: a study or a list said to cover the levels, 三级干部学法
    # 全覆盖, was taken by its readers as no count — dev-a −2.)
    r"|(?<![第一])[两二三四五六七八九]级[^,，。;；]{0,24}?述法[^,，。;；]{0,8}?全覆盖"
    # a set frequency is checkable: 每半年听取一次汇报, 每季度至少组织一次集体学法
    r"|每(年|半年|季度?|个?月|周)[\u4e00-\u9fff]{0,14}?一次"
    # one staff member counted is a count too (我局有一名公职律师, 配备一名专职法制员); not one
    # leader named to take charge (明确一名副局长主抓), which is a remit
    r"|(?<![第一统唯同单另每])一(名|位)(专职|兼职)?(公职律师|法律顾问|律师|法制员|法制审核人员|审核人员|调解员)"
)
# (第2名, 第3次: a rank or an ordinal, not a count)
QUANTITY = regex_cache.compile(rf"(?<![第\d.])\d{{1,20}}(\.\d{{1,20}})?\s*(余|多)?\s*(万|亿)?\s*(余|多)?({UNITS})|{CN_QUANTITY}|{SCORE}")
# (a date written in Chinese figures is as specific: 二〇二三年五月, 十一月份, 十二月初)
PARTIAL_DATE = regex_cache.compile(r"\d{4}年\d{1,2}月|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月"
                                   r"|(?<![\u4e00-\u9fff])[一二三四五六七八九十]{1,2}月(?=份|[,，初底末]|(上|中|下)旬)"
                                   r"|(?<!\d)(?<!每年)(?<!每年的)(\d{1,2}月(?=[,，初底末])|\d{1,2}月份|\d{1,2}月\d{1,2}日|\d{1,2}月(上|中|下)旬)")
# (not a month or day that comes back every year, 每年3月底前报告, 每年4月1日前公开: the standing
# rule's deadline, not the date of an act; t26f)
# The whole year as the period a figure covers (今年以来(2023年1月1日至2023年12月31日)，共办理…):
# the reporting year itself, not the date of an act.
REPORTING_PERIOD = regex_cache.compile(
    r"(\d{4}年)?1月1日(起)?\s*(至|到|—|－|-|~|～)\s*(\d{4}年)?12月31日(止)?"
)
PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|"
    "海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|国家|全国|中国"
)
# Words that make a listed item a kind of medium or of venue, not a named account or platform
# (门户网站、微信公众号, 政务服务大厅、便民服务中心, 12345热线、市长信箱).
_MEDIA_KIND = (r"[^、等]{0,12}?(网站|公众号|微博|微信|抖音|快手|头条|视频号|新媒体|客户端|报|电视|广播|短信|屏|宣传栏|融媒体"
               r"|门户|网络|线上|线下|官网|各类|多种|平台|APP|App|大厅|中心|热线|窗口|信箱|站|栏|媒体|渠道|载体|阵地)")
# 系统 or 网 that ends a platform's name, not a word that goes on (系统学习, 系统化; 网格, 网点,
# 全程网办) nor a sector whose people or work follow (市直水利系统执法人员, 全省交通系统干部).
# (s26c) 网络 is a network (县乡村三级调解网络, 监督网络), not a website — except a cadres'
# online school (陕西干部网络学院, 干部网络学习/课堂/培训).
# The words a system named only for what it does is made of (行政执法监督平台, 规范性文件备案审查系统,
# 执法信息公示网): no proper name among them.
_FUNCTION_WORDS = ("(?:行政|执法|规范性文件|备案|审查|审核|监督|公示|公开|信息|综合|管理|办案|服务|政务|法治|法制|普法"
                   "|复议|应诉|信访|调解|决策|合法性|一体化|网上|在线|电子|数据|共享|协同|工作|业务|案件|处罚|许可|审批"
                   "|事项|清单|记录|全过程|指挥|应用|监管|信用|政府|门户)+")
_SYSTEM = "系统(?![学地性化内各]|干部|职工|执法|工作|党员|人员|单位|评价)"
# ((r16) nor 网上 before the act done online, 国家工作人员网上学法用法考试, 全省网上办理: the adverb,
# not a site's name ending in 网 — 在中国政府网上公开 keeps the site)
_NET = "网(?![格点]|络(?!学|课|培)|办(?!理)|上(?=学|考|办|申|审|培|受|咨|查|练|测|答|立|阅))"
PLATFORM = regex_cache.compile(
    # (a province's online school for cadres is one too: 湖北省干部在线学习中心)
    # ((r17) up to 18 between: a sector's long system name, 河北省交通运输行政执法综合管理信息系统)
    rf"(({PROVINCES})[\u4e00-\u9fff]{{0,18}}(平台|{_SYSTEM}|网站|{_NET}|APP|App|app|小程序|在线学习中心))"
    # a local body's own platform (岚山县政务服务网, 宜宾市行政执法监督平台). A system named only
    # for what it does (执法监督平台, 行政执法信息公示平台) has no proper name: not detail.
    # (the place name starts a phrase: after punctuation or a verb of using, so that
    # 上线运行市信用信息平台 does not read 上线运行 as a place)
    r"|((?:^|(?<=[^\u4e00-\u9fff])|(?<=依托)|(?<=通过)|(?<=利用)|(?<=运用)|(?<=使用)|(?<=登录)|(?<=接入)|(?<=上线)"
    r"|(?<=运行)|(?<=启用)|(?<=建成)|(?<=开通)|(?<=录入)|(?<=推送)|(?<=纳入)|(?<=在)|(?<=经)|(?<=至)|(?<=入))"
    r"(?!依托|通过|利用|运用|使用|登录|接入|上线|运行|建成|建设|开通|录入|推送|纳入|启用|应用|完善|搭建|开发|升级|优化|推广|推进|加强|强化|依法|全面|全|本|各|我|在|经|至|加快|持续|深入|积极|大力|带动|引导|指导|督促|推动"
    # (nor a verb of gathering people: 组织州直政法系统开展… is the sector's people)
    r"|组织|开展|召开|举办|举行|要求|动员|带领|号召|联合|会同|邀请)"
    r"[\u4e00-\u9fff]{2,4}(市|县|区|州|盟|旗)(?!(人民)?政府(门户)?网站?|门户网站?|官网|网站)"
    rf"[\u4e00-\u9fff]{{2,14}}(平台|{_SYSTEM}|网站|{_NET}|APP|App|app|小程序)(?![建设]))"
    # (a quoted name, or several: “湾区人才港”“宝安第一课”等线上平台, “…”网络专栏)
    # (not a reform's or a method's name quoted before the kind of system every government runs
    # for it: “一网通办”平台, “互联网+政务服务”平台 — the catalogue's
    # generic platform, with no proper name; t26f)
    # (the words between name the platform, not where a quoted thing went: “三公”经费在门户网站
    # 公开 is the funds published on a generic site — 在/于/向/到/经 open a new phrase)
    # (v27d: nor the systems every government runs under the programme's own name, “数字城管”
    # 平台, “雪亮工程”平台, as “一网通办”平台 above; nor the column every site keeps for a
    # field, named after it —
    # “法治政府建设”专栏, “政务公开”栏目, “政策解读”版块: the generic site's part, no proper name;
    # x28b: the same for the columns named after a requirement's own words, “行政执法公示”专栏,
    # “双公示”栏目, “普法宣传”专栏, “行政复议”专栏, “意见征集”栏目, or any made only of what a
    # system does (_FUNCTION_WORDS: “执法监督”专栏, “政务服务”专栏) — the field restated, where
    # “阳光执法”专栏, “信用中国”网站 are names)
    rf"|((“(?!互联网[+＋]|一网|跨省通办|最多跑一次|数字城管|智慧城管|雪亮工程|(法治政府建设|法治建设|依法行政|政务公开|政府信息公开|信息公开|政策解读|通知公告|法治政府|(行政)?执法(信息)?公示|双公示|行政执法|执法信息|普法(宣传|园地|天地|专栏)?|法治宣传(教育)?|以案释法|法律法规|政策法规|行政复议|行政应诉|复议应诉|重大(行政)?决策(预公开)?|意见征集|征求意见|规范性文件|政策文件|建议提案(办理)?|人大建议|政协提案|权责清单|权力清单|信用信息(公示)?|双随机一公开|{_FUNCTION_WORDS})”)[^”]{{2,16}}”)+等?(?:(?![在于向到经])[\u4e00-\u9fff]){{0,8}}?(线上|网上|网络|新媒体|微信|政务)?(平台|{_SYSTEM}|网|APP|App|小程序|公众号|专栏|栏目|版块|板块|客户端|视频号))"
    # (x28b: nor a quoted name made only of what the system does, “行政执法监督平台”, “规范性文件
    # 备案审查系统”, “执法公示网” — the catalogue's system named only for its function, quoted or not)
    rf"|(“(?!{_FUNCTION_WORDS}(网|平台|系统)”)[^”]{{1,14}}(网|平台|系统|APP|App|小程序|公众号)”)"
    # apps named for what they do: “浙里办”, “随申办” (not “出生一件事”, nor the reforms every
    # government names the same way: “一网通办”, “跨省通办”, “马上办”, “掌上办”, nor the ways
    # of handling complaints: “接诉即办”, “未诉先办”; nor a reform's slogan for services handled
    # together, “湘赣通办”, “县乡联办”, “免证办”, nor a word that ends so, “四个交通”: dev +2 / −0, s25)
    # ((r13) two characters at least before 办/通/码: a one-character word before them is a way of
    # handling, never an app's name — 从“能办”到“好办”, “快办”“易办”“秒办”, “网办”, “扫码”)
    r"|(“(?!一|跨|接诉|未诉|全程|马上|网上|掌上|指尖|就近|帮|代办|容缺|异地|即|秒|集成|不见面|全城|全域|全市|全省|全区|全县)[^”]{2,6}(?<![通联即网综协合交畅沟贯互融流])(?<!自助)(?<!免证)(办|通|码)”)"
    # the kind of account before its quoted name: 微信公众号“平安桐溪”, 抖音号“桐溪普法”
    r"|((公众号|视频号|抖音号|快手号|微博|头条号|APP|App|客户端|小程序)“[^”]{2,16}”)"
    # several named without quotes, then their kind (在阳城人大、阳城普法等公众号, 在海南省干部在线
    # 学习、智慧普法云等网络平台) — not a list of kinds of media (门户网站、微信公众号、微博等平台)
    rf"|((?<=在|经)|(?<=通过|依托|利用|借助|运用))(?:(?!{_MEDIA_KIND})[\u4e00-\u9fff]{{2,12}}、){{1,{_LIST_MAX}}}(?!{_MEDIA_KIND})[\u4e00-\u9fff]{{2,12}}?"
    r"等(网络|线上|网上|新媒体|微信)?(平台|公众号)"
)
GENERIC_PLATFORM = regex_cache.compile(r"^(门户网站|政府网站|网站|网|平台|系统|工作平台|服务平台|信息系统|管理系统|体系|制度体系)$")
# 全市司法行政系统, 全省市场监管系统: a sector, not an IT system.
SECTOR = regex_cache.compile(r"^(全|本|各|我)")
# A concrete act with a named outside body (配合市人大常委会开展…执法检查, 邀请派驻纪检
#监察组列席局务会议) is checkable. Naming the body the requirement itself names
# (接受县人大常委会的监督, 报送县人大常委会备案) is part of the requirement, not detail of it.
NAMED_BODY = regex_cache.compile(
    r"(配合|协助|邀请|接受|迎接)[^,]{0,6}(省|市|县|区|州|自治区)(人大常委会|人大|政协)[^,]{0,16}"
    r"(执法检查|视察|调研|专题询问|工作评议|满意度测评|专项监督|审议)"
    r"|邀请[^,]{0,12}(纪检监察组|人大代表|政协委员)[^,]{0,8}列席"
    # taking part in a named higher body's inspection (配合中央依法治国办第四督察组实地督察)
    # (the object may name a document: 配合国务院法制办对《…纲要》贯彻落实情况进行督察 — the
    # title is blanked in the text searched, r26f; v27b: its spot check or return visit too,
    # 迎接中央…法治政府建设示范回访抽查 — an inspection by that named body, as 检查 is)
    # (…or the government's own law department of a named place, which inspects the departments'
    # rule-of-law work: 迎接省司法厅…检查, 配合市司法局对我局开展执法案卷评查 — v27e)
    r"|(配合|接受|迎接|协助)[^,]{0,6}(中央|国务院|全国人大|国家|省委|省政府|省人大|自治区|市委|县委|区委|州委|(省|市|州|县|区)司法(厅|局))(?:[\u4e00-\u9fff]|(?<=[\u4e00-\u9fff ]) {2,}(?=[\u4e00-\u9fff])){0,60}?"
    r"(督察|检查|抽查|回访|巡视|巡察|审计|调研|评估|评查)"
    # working with or inviting a named party body (联合区委组织部举办…, 邀请市委党校专家授课)
    r"|(联合|会同|邀请|特邀|协同|配合)[^,]{0,4}(省|市|县|区|州|自治区)委(组织部|宣传部|党校|政法委|依法治[省市县区]办)"
    # acting on a named higher body's inspection (中央依法治国办…督察反馈问题整改)
    # (or a local one's: 市委依法治市办2025年法治建设督察反馈意见整改)
    # (the inspection itself named too: 省委巡视反馈问题整改; and the problems a named office
    # notified: 对中央依法治国办通报问题…整改)
    # ((r13) …or a named discipline commission's inspection of the unit: 省纪委监委…专项检查反馈问题整改,
    # 中央纪委国家监委专项检查反馈意见整改 — a named outside body, as 省委巡视 is)
    r"|(中央|国务院|全国人大|省委|省政府|市委|县委|区委|州委|(?:省|市|县|区|州|盟|旗|自治区)纪委)[\u4e00-\u9fff]{0,8}(依法治国办|依法治省办|依法治市办|依法治县办|依法治区办|依法治州办|督察组|巡视组|巡察组|督察|巡视|巡察|(?<=纪委)[\u4e00-\u9fff]{0,12}?(?:检查|督查|监督))[^,]{0,50}(反馈|整改|通报的?问题)"
    # a named law firm (江苏承匠律师事务所); not a firm chosen or worked with (选聘律师事务所,
    # 合作律师事务所, 继续与律师事务所合作: s24)
    r"|(?<![聘请委托家所与和的])(?!聘请|委托|多家|两家|一家|本地|专业|第三方|常年|业界|知名|优秀|资深|行业)(?:(?!知名|优秀|资深|专业|合作|签约|聘|委托|与律师事务所)[\u4e00-\u9fff]){2,10}(\([\u4e00-\u9fff]{2,6}\))?律师事务所"
    # working with a named court or procuratorate (会同省高级人民法院…建立…机制)
    r"|(会同|联合|协同|配合|与)[^,]{0,4}(省|市|县|区|州)(高级|中级)?(人民法院|人民检察院)"
    # a body the department set up under a name of its own (“湾事芜优”诉源治理工作站)
    # ((r13) not a kind named in quotes, “枫桥式”人民调解委员会 / “枫桥型”工作室: a model to follow, no
    # body's own name)
    r"|“[^”]{2,12}(?<![式型])”[\u4e00-\u9fff]{0,10}(工作站|工作室|服务站|调解室|服务中心|委员会)"
    # the leader reporting in person to a named rule-of-law office, or taking part in what it
    # holds (向市委依法治市办汇报履职情况, 向县依法治县办专题述法, 参加市委依法治市办集中述法活动);
    # sending it the annual report is what leadership.annual_report itself names, no detail
    r"|向[^,，。;；]{0,6}(?P<office>(省|市|县|区|州|旗|盟)委?(全面)?依法治(省|市|县|区|州|旗|盟)(委员会)?办)[^,，。;；]{0,8}(汇报|述法|述职)"
    # ((r13) …or to the committee itself, the 述法 given before it: 以书面方式向市委全面依法治市委员会述法,
    # 向县委依法治县委现场述法 — the same named body as 参加…委员会述法活动 below)
    # (the level may stand only after 依法治, the committee's own name: 向区委、全面依法治区委述法)
    r"|向[^,，。;；]{0,6}(?:(省|市|县|区|州|旗|盟)委?)?(全面)?依法治(省|市|县|区|州|旗|盟)(委员会|委)[^,，。;；办]{0,8}(述法|述职)"
    r"|参加[^,，。;；]{0,6}(省|市|县|区|州|旗|盟)委?(全面)?依法治(省|市|县|区|州|旗|盟)(委员会)?办"
    # (…and the leaders' year on the law-based duty reported to it, 向盟委全面依法治盟办报告局领导班子年度
    # 履行法治建设责任情况 — the 第一责任人规定's yearly report of 履职, a concrete act with the named
    # office; not the year's report on law-based government, which annual_report names itself; v27b)
    r"|向[^,，。;；]{0,6}(省|市|县|区|州|旗|盟)委?(全面)?依法治(省|市|县|区|州|旗|盟)(委员会)?办[^,，。;；]{0,6}报告[^,，。;；]{0,20}(履行|履职|履责)"
    # a team led to a named place to learn from it (亲自带队到永川区学习法治政府建设经验, 率队赴浙江省
    # 杭州市考察): a concrete act with a named outside place; not 各地, 基层 or 先进地区 (v27b)
    r"|(带队|率队)(到|赴|前往)(?!各|全|基层|一线|先进|外地|兄弟|周边|辖区|本)[\u4e00-\u9fff]{2,6}(省|市|区|县)[^,，。;；]{0,12}(学习|考察|调研|交流)"
    # (…or the committee itself, when the leader gives 述法 before it: 参加省委全面依法治省委员会
    # 述法活动; the 述法 report sent to the office: 撰写年度述法报告并报送市委依法治市办)
    r"|参加[^,，。;；]{0,6}(省|市|县|区|州|旗|盟)委?(全面)?依法治(省|市|县|区|州|旗|盟)委员会[^,，。;；]{0,4}述法"
    # (…and the places or departments named whose heads gave it: 延安市、宝鸡市、省文化和旅游厅主要
    # 负责同志现场述法, 培育形成安庆市、淮南市等述法工作典型 — each a name before its level, not 各市、县)
    rf"|(?<![各全本])(?:(?:(?!各|全|本|我)[\u4e00-\u9fff]){{2,8}}(?:市|县|区|州|旗|厅|局)、){{1,{_LIST_MAX}}}(?:(?!各|全|本|我)[\u4e00-\u9fff]){{2,10}}(?:市|县|区|州|旗|厅|局)[^,，。;；]{{0,12}}述法"
    r"|(述法|述职)报告[^,，。;；]{0,12}报送[^,，。;；]{0,6}(省|市|县|区|州|旗|盟)委?(全面)?依法治(省|市|县|区|州|旗|盟)(委员会)?办"
    # reporting to a named department or ministry above (向市交通局和区委报告…, 向省人社厅报告…, 向国务院、
    # 省委…书面报告): a named outside body the report went to; not the government or the Party
    # committee, which the requirement to report names itself (the congress: the r40a branch below)
    # ((v27d) a ministry right after 向 too: 按时向司法部报送…, not only after a list's 、)
    # ((r13) …and a vertically managed body named with its national head office or its own office
    # inside: 向国家税务总局广东省税务局报送, 向海关总署报告, 向市公安局法制支队报送 — the same named body)
    # ((r13) …and the department named with its place before the level, 向绍兴市司法局报送, 向广东省司法厅报告:
    # the same department as 向市司法局; not 各/全/本/上级/主管 departments)
    r"|向(?:[^,，。;；]{0,16}?[、和及与])?(?:(?:国家[\u4e00-\u9fff]{1,8}?总局|[\u4e00-\u9fff]{2,4}总署)(?![\u4e00-\u9fff]{0,6}?(?:省|市|县|区|州|盟|旗)委)(?:[\u4e00-\u9fff]{0,4}?(?:省|市|县|区|州|盟|旗|自治区)[\u4e00-\u9fff]{1,8}?(?:厅|局))?|(?:(?!各|全|本|我|上级|有关|相关|主管)[\u4e00-\u9fff]{2,4}?)?(?:省|市|县|区|州|盟|旗|自治区)(?!委|政府|人大|人民政府)[\u4e00-\u9fff]{1,8}?(?:厅|局)(?:[\u4e00-\u9fff]{2,6}?(?:支队|总队|处|科))?|国务院|(?:(?<![\u4e00-\u9fff])|(?<=向))[\u4e00-\u9fff]{2,6}部(?<!党委部)(?<!干部)(?<!内部)(?<!全部))"
    # (not a document sent for filing, 向市司法局报送备案: the filing office is the one the
    # filing requirement itself names; t26f)
    r"(?:[、和及与][^,，。;；]{0,16}?)?(?:书面|专题|及时)?(报告|报送|汇报|提交|呈报)(?![^,，。;；]{0,10}备案)"
    # (r40a) a report made to a named congress or its standing committee (向区人大常委会报告法治政府建设
    # 情况, 向市六届人大常委会第三十三次会议专题报告…, 同时向区人大作了报告): a concrete act with the named
    # body, as the congress's oversight (oversight.external) — not the bare duty, 自觉向区人大常委会报告工作、
    # 向区政协通报情况, no occasion said; leadership.annual_report, whose requirement
    # is that report, keeps it no detail of its own (its not_detail)
    r"|向[^,，。;；]{0,16}?(省|市|县|区|州|盟|旗|自治区)(?:[\u4e00-\u9fff]{1,4}届)?人大(及其)?(常委会|常务委员会)?[^,，。;；]{0,16}?(报告|汇报)(?![^,，。;；]{0,10}(制度|机制)|工作(?![\u4e00-\u9fff]))"
    r"|(报告|报送)[^,，。;；]{0,8}?(省|市|县|区|州|盟|旗|自治区)人大(及其)?(常委会|常务委员会)?[^,，。;；]{0,4}(审议|听取)(?![^,，。;；]{0,10}(制度|机制))"
    # (…and the named standing committee hearing or reviewing it: 市人大常委会听取了市政府…报告)
    r"|(省|市|县|区|州|盟|旗|自治区)人大(常委会|常务委员会)[^,，。;；]{0,12}?(听取|审议)(?!通过|[^,，。;；]{0,10}(制度|机制|意见|草案|条例|法规))"
    # a joint act with a named congress or CPPCC (联合市人大常委会召开条例施行新闻发布会)
    r"|(联合|会同)[^,，。;；]{0,4}(省|市|县|区|州|自治区)(人大常委会|人大|政协)[^,，。;；]{0,6}(召开|举办|举行|开展|组织)"
    # the review opinions of a named congress acted upon (推动自治区人大常委会审议意见落实)
    # (…also in the clause after the report made to it: 向省人大常委会报告…情况,并抓好会议审议意见的
    # 贯彻落实, r26f)
    r"|(省|市|县|区|州|自治区)人大常委会[^,，。;；]{0,6}审议意见|(省|市|县|区|州|自治区)人大常委会[^。;；]{0,24},[^,，。;；]{0,8}审议意见"
    # a named outside body inspecting, auditing or reviewing the unit itself (市委第三巡察组对我局开展
    # 常规巡察, 县人大常委会对我局…开展执法检查, 区审计局对我局…进行审计, 省人大常委会来我市开展
    # …执法检查): a concrete act of a named body, as 配合…执法检查 above
    r"|(?:(?:省|市|县|区|州|自治区)(?:人大常委会|人大|政协|纪委监委|纪委|监委|审计厅|审计局)|审计署"
    r"|(?:中央|省委|市委|县委|区委|州委)[\u4e00-\u9fff]{0,6}?(?:巡视组|巡察组|督察组))"
    r"[^,，。;；]{0,12}?(?:对|来)(?:我|本)[^,，。;；]{0,30}?"
    r"(?:执法检查|视察|巡察|巡视|审计|督察|监督检查|专项检查|评议|满意度测评)"
    # the problems a named audit office found in the unit put right (对省审计厅指出的问题全部整改,
    # 国家审计署审计发现问题整改), and its audit of the unit assisted (配合市审计局开展经济责任审计)
    r"|(?:审计署|(?:省|市|县|区|州|自治区)审计(?:厅|局))[^,，。;；]{0,16}?(?:反馈|指出|发现|查出|移交|提出)[^,，。;；]{0,8}?(?:问题|意见|整改)"
    r"|(?:配合|接受|迎接|协助)[^,，。;；]{0,6}(?:审计署|(?:省|市|县|区|州|自治区)审计(?:厅|局))[^,，。;；]{0,30}?审计"
    # a named university or college the work is done with or at (在岭南师范学院打造…阵地, 联合广东
    # 海洋大学建设…, 依托省政法管理干部学院设立…): not a party school, the staff's own classroom
    # (not a kind of school: 全国法学院校, 有关高等学院)
    # ((r40a) …or went to for a training or a visit: 组织领导干部赴湖南大学开展习近平法治思想专题培训)
    r"|(在|依托|联合|与|会同|赴|前往)(?!党校|行政学院)(?:(?!有关|部门|全国|全省|全市|各|多所|高等|高校)[\u4e00-\u9fff]){2,12}(大学|学院)(?!校|[\u4e00-\u9fff]{0,2}(教授|专家|老师|学者))"
)
# A named person: 局长王宇同志, 马兴瑞省长主持… (a name is two or three characters that are
# not themselves part of a title or a body's name).
_TITLES = "省长|市长|县长|区长|镇长|乡长|局长|厅长|主任|书记|部长|旗长|州长"
# ((r19) …and the title before the name followed by the 述法, 述职 or comments given (局长张某某进行专题述法,
# 县委书记李某对述法单位进行点评): the person named acting, where 局长进行述法 names the post only.)
# ((r20) …or by what the 述法 was about before it, 局长赵某某就履行…职责情况进行述法, 主任李某围绕…作述职: the
# person named giving it, as 会上，张某某围绕…进行述法 below)
# ((r13) the principal leader's title in a customs office, an enforcement or fire-and-rescue corps, a school
# or a hospital, before the name: 关长李国强严格履行…, 支队长张伟同志带头…, 院长王明主持… — a person as
# 局长馮正霖 is. Only before the name: 执法大队长主持 would read 执法 as one.)
_TITLES_BEFORE_NAME = _TITLES + "|关长|大队长|支队长|总队长|校长|院长"
# (由 too: 会议由局长主持 names the generic role, not a person 会议由 — catalogue: generic roles are no detail)
_NOT_NAME_END = "委府局厅部党组长副县市区省镇乡街办室处科队所记任县级常务主要分管班子领导同志由"
_NOT_A_NAME = (
    "负总责|总负责|挂帅|亲自|带头|主持|全面|认真|高度|始终|切实|严格|坚持|深入|要求|作为|负责|分管|牵头|担任|召开|统筹|率先|同时|"
    "同志|每|对|和|及|与|是|等|兼|为|在|任|一|二|三|副|助理|班子|办公|主要|第一|履行|亲|带|多次|定期|专题|组织|听取|"
    "研究|部署|督办|过问|协调|率队|出席|参加|讲授|作|及时|积极|先后|全年|年内|关于|指出|强调|重要|讲话|提出|指示|批示|的|"
    "会议|会上|工作|办公会|委员|扎实|坚决|主动|持续|不断|狠抓|抓|带领|直接|专门|精心|全程|务实|扛|压实|示范|高位|靠前|"
    # (adverbs that follow a list of titles: 县委书记、县长分别带头讲法治课, 局长均亲自… — no name)
    "分别|共同|均|也|还|又|再|都"
    # ((r14) …and the adverbs of manner and habit that follow the title, 书记既履行…, 县长不仅亲自…,
    # 局长本人亲自…, 局长经常带头…, 镇长历来高度重视…: the post acting, no name — catalogue: a named
    # person is detail, the department's generic roles are not)
    "|既|不仅|不但|不光|本人|经常|历来|向来|一贯|同样|长期"
    # ((r13) a channel named for the post, 书记信箱、县长热线、局长接待日, 市长专线: the post's mailbox
    # or line, not a person called 信箱 — catalogue: a generic channel is no named platform or person)
    "|信箱|邮箱|热线|专线|电话|接待日|直通车"
    # ((r17) the post heading a body, 由街道党工委副书记领导，…组成: the post leads, no name)
    "|领导|统领"
    # ((r19) what the post's speech was about, 局长围绕履行…职责情况进行述法: the post speaking, no name)
    "|围绕"
)
# ((r13) a common surname opens a name in a list of invited speakers; a name does not end as a kind of
# person, a body or a place does)
_SURNAME = "[张王李赵刘陈杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤卓应季]"
_NOT_NAME_LAST = "官师家员长者授部院校局厅委所队警学协会人生大中省市县区镇乡村处科办组庭"
NAMED_PERSON = regex_cache.compile(
    rf"(?:{_TITLES_BEFORE_NAME}|负责人|组长)(?!{_NOT_A_NAME})[\u4e00-\u9fff]{{2,3}}同志"
    # ((b) …or before the leader's act on something or someone, or the leader's arrival at the place:
    # 市委书记王曦对…提出要求, 省长许达哲就…作出批示, 市委书记丁小强到长治工作后 — a name, where 局长对…
    # 提出要求 names only the post)
    rf"|(?:{_TITLES_BEFORE_NAME})(?!{_NOT_A_NAME})[\u4e00-\u9fff]{{2,3}}(?=[,，、]|全面|认真|带头|亲自|主持|及时|高度|始终|切实|作为|率先|多次|坚持|带队|严格|统筹|履行|扎实|坚决|定期|先后|听取|为组长|任组长|担任组长|为副组长|对(?=[^。;；]{{0,40}}(提出|作出|批示|指示|部署|要求))|就(?=[^。;；]{{0,40}}(作出|提出|批示|指示))|对(?=[^。;；，,]{{0,20}}进行点评)|进行(?=(专题|年度|年终|集中|个人|现场)?(述法|述职|点评))|(?:就|围绕)(?=[^。;；]{{2,40}}?(?:进行|作)了?(?:专题|年度|年终|集中|个人|现场)?(?:述法|述职|履职回顾))|到(?=[\u4e00-\u9fff]{{1,6}}(工作|调研|视察|督导|检查))"
    # an invited speaker named by title and name (…研究中心主任唐明良作专题讲座)
    r"|作(专题|主题)?(讲座|报告|辅导|授课|宣讲)|作题为|在(?!内|下|上|前|中|任))"
    # (…or after the body the person leads: 市委胡昌升书记、市政府庄稼汉市长分别主持…)
    rf"|(?:(?<![\u4e00-\u9fff])|(?<=[省市县区]委)|(?<=政府))(?!常委|常务|人大|政协|办公|纪委|组织|宣传|统战|政法|编办|农办)[\u4e00-\u9fff]{{1,2}}[^{_NOT_NAME_END}\W\d](?:{_TITLES})(?=(?:分别|共同|均)?(?:主持|带头|亲自|率队|出席|参加|召开|讲授|作|专门|专题|多次|先后|听取|在(?!内|下|上|前|中|任)))"
    # the leading group's head named (以黄忠武书记为组长): a person, not the generic 以局长为组长
    rf"|(?<=以|由)(?!{_NOT_A_NAME})[\u4e00-\u9fff]{{1,2}}[^{_NOT_NAME_END}\W\d](?:{_TITLES})(?=为组长|任组长|担任组长)"
    # (…or before what the lecture was about: 王红建教授围绕…进行了讲解, …教授就…作解读; s25)
    # (a name, not the kind of teacher: 邀请党校教授作…, 法学教授, 一名教授 — t26f)
    r"|(?!党校|高校|请|邀|聘)[\u4e00-\u9fff]{2,3}(?<![校院学所心级名位的请家副])副?(教授|研究员)(?=[,，、为来到作]|围绕|就|讲解|讲授|解读|主讲|以)"
    # a lawyer engaged by name (外聘王丹波律师为法律顾问), not a kind of lawyer (聘请专业律师为…)
    r"|(?:(?<=聘请)|(?<=外聘)|(?<=特聘)|(?<=续聘)|(?<=由))(?!专业|执业|公职|知名|资深|优秀|常年|驻村|村居|法律|社会|值班|专职|兼职|青年|骨干|多名|一名|两名|[\d一二三四五六七八九十])[\u4e00-\u9fff]{2,3}律师(?=为|担任|任)"
    # ((r19) …or a lawyer named, surname first, before what he taught: 主任吕军律师,就…进行了讲解)
    rf"|(?<!主){_SURNAME}[\u4e00-\u9fff]{{1,2}}律师(?=[,，、]?(就|围绕|为(?!法律顾问)|作(专题|主题)?(讲座|报告|辅导|授课)|讲解|讲授|解读|主讲))"
    r"|(?:^|(?<=[,，、。;；:：]))(?!全体|广大|各位|有关|相关|领导|负责|主要|分管|其他|机关|党员|青年|班子)[\u4e00-\u9fff]{2,3}同志"
    # (r16) a speaker named opening the sentence with what he stressed (张某某强调，…; 李某在会上指出：要…): a
    # person, the name opening with a common surname and not ending as a kind, a body or a place does
    # (catalogue: a named person); 会议强调, 局长强调 name none
    # ((r19) …or with the 述法 or 述职 he gave after its subject, 会上，张某某围绕…履行第一责任人职责情况进行
    # 履职回顾: the speaker giving it, named; 局长围绕…进行述法 names the post only)
    rf"|(?:^|(?<=[。;；])|(?<=[会议][上中][,，]))\s*(?!{_NOT_A_NAME}){_SURNAME}[\u4e00-\u9fff]?[^\W\d{_NOT_NAME_LAST}](?=(?:同志)?(?:在[^,，。;；]{{2,30}}?(?:上|中))?[,，]?(?:强调|指出)|(?:同志)?(?:围绕|就)[^。;；]{{2,40}}?(?:进行|作)(?:专题|年度|年终|个人)?(?:述法|述职|履职回顾))"
    # (r29c) an invited speaker named after the title of his post in his body (邀请市司法局执法监督科
    # 科长陈立新围绕…授课, 特邀区法院行政庭庭长刘敏为执法人员解读…): a person, where 邀请市司法局
    # 科长为…授课 names only the post (the name must be followed by what the speaker did)
    # ((r13) …or after the title a university or a school gives (邀请华东政法大学教授王立民为全局干部讲授…,
    # 特邀省委党校副教授李娜围绕…授课): a person; 邀请高校教授为…, 邀请党校教授学者…, 教授团队 name none)
    r"|(?:邀请|特邀|邀)[^,，。;；]{0,24}?(?:科长|处长|庭长|院长|所长|队长|检察长|主任|局长|部长|厅长|法官|检察官|教授|研究员|讲师)"
    rf"(?!{_NOT_A_NAME}|就|围绕|结合|从|以|聚焦|紧|对|为|讲|授|解读|来|到|赴|开展|进行|专题|同志|委员|律师|教授|博士|老师|专家|学者|团队|干部|人员|们)"
    r"[\u4e00-\u9fff]{2,3}(?=围绕|就|为|作|以|结合|从|对|来我|到我|赴|讲授|讲解|授课|解读|主讲|[,，、])"
    # ((r13) invited speakers named in a list without titles, then their kind (邀请张平、王利明、卓泽渊等法学
    # 大家开展…授课, 特邀李林、莫纪宏等专家作…辅导): persons, each name opening with a common surname and
    # not ending as a kind or a body does (邀请法官、检察官、律师等专家, 邀请公安、税务等部门专家 name none))
    rf"|(?:邀请|特邀)[^,，。;；、]{{0,12}}?(?:{_SURNAME}[\u4e00-\u9fff]?[^\W\d{_NOT_NAME_LAST}]、){{1,{_LIST_MAX}}}"
    rf"{_SURNAME}[\u4e00-\u9fff]?[^\W\d{_NOT_NAME_LAST}]等(?:(?!部门|单位|领域|方面|行业|系统|机构)[\u4e00-\u9fff]){{0,6}}?(?:专家|学者|法学家|大家|名家|教授)"
)
# A quoted slogan or mechanism name (“1委1办4组”机制, “四个百分百”): its numbers are a name, not a count.
# (…and each of a run of such names closed by one word, “三级联调”“70%力量下沉”“千名干部进千村”等
# 机制/举措: every quote of the run is a name, the figure inside it no count)
QUOTED_NAME = regex_cache.compile(
    r"“[^”]{1,24}”(?=(?:[、和及与]?“[^”]{1,24}”)*[\u4e00-\u9fff]{0,6}?等?[\u4e00-\u9fff]{0,4}"
    r"(机制|制度|模式|体系|格局|工作法|品牌|理念|要求|目标|举措))")
# Named events and campaigns (宪法宣传周, “12·4”国家宪法日, 民法典宣传月, 法治宣传月): checkable.
NAMED_EVENT = regex_cache.compile(
    # (a day named by its date, “3·15”, “12·4”, written with any of the dots real pages use)
    r"[“\"]?\d{1,2}[·.•・．]\d{1,2}[”\"]?[\u4e00-\u9fff]{0,8}(日|周|活动)"
    # (a day, not a word that begins with 日: 法治日常工作, 法治日报, 法治意识日益增强)
    r"|(宪法|民法典|法治|普法|安全生产|禁毒|消费者权益|国家安全|知识产权)[\u4e00-\u9fff]{0,4}(宣传周|宣传月|宣传日|活动周|活动月|日(?![常报益趋臻渐前后期])|(?<=安全生产)月(?![报度份底初末]))"
    # (the national 安全生产月 each June is a named campaign like 宪法宣传周: t26f)
    # (宪法宣誓 held is an event; 落实宪法宣誓和年度报告制度 names a standing rule)
    r"|国家宪法日|宪法宣誓(?![\u4e00-\u9fff、]{0,24}制(度|$))"
    # a numbered session is one meeting that can be checked: …委员会第三次会议, 十五届三次全会
    r"|第[一二三四五六七八九十\d]{1,20}次(全体)?[(（]?(全体|扩大)?[)）]?(会议|全会)"
    # a named campaign or contest: “美好生活·民法典相伴”主题宣传活动, 法治微视频大赛 (its kind
    # may be said at more length: “…”等一系列法律知识学习活动 — up to 12 characters, was 8)
    # (not a numbered slogan: “八进”活动, “三个年”活动 — a motto, like “1211”机制; nor the
    # standing words everyone quotes: “一把手”党建培训, “关键少数”专题培训, “第一议题”学习, “三会一课”)
    # (nor the 普法 mottos every report quotes: “法律六进”, “法治进机关、进乡村…” — the 八进 motto
    # spelled out — and the method “以案释法”: t26f)
    # ((r37) nor a standing practice named like those stock ones: “局长讲法”活动, held every month, is a
    # practice, not an event — its count or date is the detail)
    # (and not a quote the work uses, then a new verb: 利用“学习强国”开展学法活动 — the means, not
    # the event's name; 以“…”为主题开展… names it: t26f)
    r"|“(?!(法律|法治|普法)?[一二三四五六七八九十两双]{1,2}(进|个[\u4e00-\u9fff]|大[\u4e00-\u9fff]?)”|一把手”|关键少数”|第一议题”|三会一课”|以案释法”|[^”]{0,4}讲法”|[^”]{0,6}进[^”、]{1,4}、进)[^”]{2,30}”(?:为?主题[\u4e00-\u9fff]{0,10}|(?:(?!开展|组织|利用|依托|通过|结合|借助|推动|落实)[\u4e00-\u9fff]){0,12})(活动|大赛|竞赛|比赛|宣传周|宣传月|巡讲|晚会|展览|讲堂|大讲堂|论坛|培训班|培训|轮训|讲座|宣讲|研讨班|会战|汇演|竞答|学习会|报告会|研讨会|读书班|学习班|研修班|专题班|示范班)"
    # ((r13) a class under other units' names — 读书班, 学习班, 研修班, 示范班, or rounds of 轮训 — named by a
    # quote, its year or its place, is as checkable as a 培训班 so named: 举办“学思践悟习近平法治思想”…专题
    # 读书班, 组织开展海淀区处级领导干部…专题轮训; the unnamed 举办领导干部…读书班 stays general)
    # an event named by its year and subject: 2022年习近平法治思想专题培训班
    # (…or an exam so named: 2023年度全省国家工作人员学法考试, 2022年执法资格考试; t26f)
    r"|20\d\d年度?[\u4e00-\u9fff]{2,24}(培训班|研讨班|轮训班|示范班|研修班|专题班|读书班|学习班|轮训|讲座|报告会|论坛|大赛|知识竞赛|宣传月|宣传周|活动月|考试)"
    # …or by its place, a proper name (举办江城区领导干部学习贯彻习近平法治思想专题培训班; not 全区…)
    r"|(?<=举办|开展|组织|举行)(?![全本各我])[\u4e00-\u9fff]{2,6}?(省|市|县|区|州)[\u4e00-\u9fff]{2,24}(培训班|研讨班|轮训班|示范班|研修班|专题班|读书班|学习班|轮训)"
    r"|[\u4e00-\u9fff]{2,12}(大赛|知识竞赛|演讲比赛|辩论赛)"
    # a campaign named by its subject (交通运输执法领域突出问题专项整治, 信用交通宣传月)
    # (推进 as well as 开展 before it: 推进道路交通安全和运输执法领域专项整治, r26f)
    r"|(?<=开展|部署|组织|启动|推进)(?!全面|深入|各类|各项|多项|一系列|系列|相关|有关|常态化)[\u4e00-\u9fff]{6,20}(专项整治|专项行动|专项治理)"
    r"|[\u4e00-\u9fff]{2,8}(宣传周|宣传月)"
    # a meeting held under a name of its own — a place or level, a year, a first or joint
    # session (召开四川省法治政府建设工作会议, 全国交通运输法治政府部门建设电视电话会议, 首次府检联席会议);
    # a standing body's meeting (党组会议, 常务会议) is not one, nor the unit's own 全县专题述法会议;
    # a place is a proper name before its level (临沂市, 荣昌区), not the level word alone: the
    # party committee's or the standing committee's meeting (市委…工作会议, 全面依法治市工作会议)
    # and a meeting opened by its level (县法治政府创建工作部署会) are standing kinds of meeting
    r"|(?<=召开|举办|举行|出席|参加)(?=[^,，。;；]{0,16}?(全国|全省|(?<=[\u4e00-\u9fff])(?<![全治开办行加席])(省|市|县|区|州|镇|乡|街道)(?!委)|20\d\d年|首次|暨))"
    r"[\u4e00-\u9fff()“”·\d]{4,40}?(工作会议|推进会议?|座谈会|电视电话会议?|现场会|部署会|联席会议|述法会议|述法评议会议?|交流会|观摩会|动员会)"
    # an operation named in a short quote (“铁拳”行动, “扫雷”专项行动); a quoted list of slogans
    # (“深学争优、敢为争先、实干争效”行动) is a motto, not one operation. (Kept last: the
    # numbers of BRANCH_WORDS["NAMED_EVENT"] are the branches' places.)
    # (…or with its kind inside the quote: “法治规划全面落实行动”, “蓝天保卫”专项行动 as “…专项行动”)
    # (not a numbered one: “八大行动”, “三项行动”, like “八进”)
    r"|“(?:(?![一二三四五六七八九十两双]{1,2}(进|个[\u4e00-\u9fff]|大[\u4e00-\u9fff]?)”)[^”、,，]{2,8}”(专项)?(行动|整治|督查|督察)"
    r"|(?![一二三四五六七八九十两双百千\d])[^”、,，]{2,12}(专项行动|行动|专项整治)”)"
    # speaking at a named meeting: 在全省行政执法工作推进会上介绍经验
    r"|(?<=在)(全国|全省|全市|国家|省|市)[^,，。;；]{2,30}?(工作会议?|推进会议?|座谈会|现场会|电视电话会议?|交流会)上(作|介绍|交流|发言)"
    # numbered study sessions (于2020年第2次、第7次、第8次学习会集中学习了宪法), and a standing body's
    # numbered session as well (第4次、第9次厅长办公会, 第3次局务会): one meeting that can be
    # checked, like …委员会第三次会议 above (with 示范班/研修班/报告会 named by their year: dev +2 / −0, s25)
    r"|第[一二三四五六七八九十\d]{1,20}次(、第[一二三四五六七八九十\d]{1,20}次)*(集中|专题)?(学习会|学法会|常务会|党组会|党委会|党工委会|(厅长|局长|主任|区长|市长|县长|镇长)?办公会|局务会|厅务会|委务会|常委会)"
    # a year-long campaign named by its subject (开展行政复议质量提升年活动, 执法规范化建设年活动)
    r"|(?<=开展|实施|组织|启动|深化)[\u4e00-\u9fff]{4,14}(提升|建设|攻坚|规范|落实|创新|巩固|深化|突破)年活动"
    # a day named by its date in quotes, wherever it stands (“3•15”普法, “6·26”禁毒宣传)
    r"|“\d{1,2}[·.•・．]\d{1,2}”"
    # (w27c) a year's assessment named by its year and its level (圆满完成2020年度全区依法行政考核,
    # 通报2019年全市法治政府建设考核情况): one review held, as checkable as 2023年度全省学法考试
    # above — not its scheme (2023年度全县法治建设考核细则, …考核评价指标)
    r"|20\d\d年度?(全省|全市|全县|全区|全州|全盟|全旗)[\u4e00-\u9fff]{2,16}?(考核|考评)(?![\u4e00-\u9fff]{0,4}(办法|细则|指标|方案|制度|机制|标准|体系))"
)

# A document named without 《》, by its year and its issuer's place (公布2024年度巫山县人民政府重大
# 行政决策事项目录, 研制广元市2023年市场监管领域部门联合“双随机、一公开”监管计划): a particular
# document, as checkable as a title in brackets. Only with both the year and a proper place
# name (not 全市, 本县), after a verb that makes, issues or sends it.
UNBRACKETED_DOCUMENT = regex_cache.compile(
    r"(?:(?<=制定|印发|公布|发布|编制|研制|出台|报送|上报|修订|编印)了?|(?<=、))"
    r"(?:20\d\d年度?(?![度全本各我])[\u4e00-\u9fff]{2,6}?(?:省|市|县|区|州|盟|旗)(?:人民政府)?"
    r"|(?!全|本|各|我)[\u4e00-\u9fff]{2,6}?(?:省|市|县|区|州|盟|旗)(?:人民政府)?20\d\d年度?)"
    r"[\u4e00-\u9fff“”、]{2,30}?(目录|清单|计划|方案|办法|报告|要点|细则|规划)"
)

# An honour conferred on the work (荣获全国优质政务服务示范区, 获评全省人民调解工作先进集体,
# 入选全省十大行政复议精品案例, 被确定为…试点县): a named body's checkable decision about it.
# (Not a grade in the year's assessment, 考核获得优秀等次: it names no title, body or event —
# unless the assessment is named by its year or level with the rank it gave, below.)
# 示范项目: the Outline's 法治政府建设示范项目, named for one piece of work (“多元调解服务中心”建设获评
# 第二批全国法治政府建设示范项目); not 示范地区, a whole area's title. Dev +3 / −0 (s24).
# A project of the work named best practice or excellent by a higher body (“运河法治文化带”获省县乡法治
# 政府建设“最佳实践”项目, 获评广东省优秀普法工作项目) is such an honour too, with 获 alone before
# a level or a quoted title. Dev +3 / −0 (s25).
# (r13) …and a case or a work chosen by a higher body in its other names (获评全省普法依法治理创新案例,
# 入选全国示范案例, 获评全市法治宣传优秀作品)
# (r13) …and a demonstration city, district or town by its full word (成功创建全国社会信用体系建设示范城市,
# 创建成为全省…示范镇): the same title as 示范市 / 示范乡镇
HONOUR = regex_cache.compile(
    # ((b) a higher body's recommendation or approval of a pilot named too: 被省委依法治省办推荐为全国
    # 示范创建候选项目, 成功申报全省…改革试点“…”项目)
    r"(荣获|获评|获得|被评为|评为|入选|被确定为|确定为|被命名为|命名为|被列为|列为|获批|成功创建|创建成为|被[^,，。;；:：]{2,12}推荐为|成功申报|获(?=[全省市县区国第“]))"
    r"[^,，。;；:：]{0,30}?"
    r"(示范创建候选项目|试点[”“\u4e00-\u9fff]{0,14}项目|最佳实践”?(项目|案例)|优秀[\u4e00-\u9fff]{0,8}项目|创新项目|称号|奖(?!励|惩|补)|先进集体|先进单位|先进个人|示范区|示范城市|示范城区|示范市|示范县|示范乡镇|示范镇|示范乡|示范旗|示范街道|示范社区|示范村|示范单位|示范点|示范基地|示范项目|试点县|试点市|试点单位|试点"
    r"|典型案例|典型单位|典型经验|精品案例|优秀案例|最佳实践案例|实践案例|创新案例|示范案例|优秀作品|突出单位|标兵|教育基地)"
    # a named year's or level's assessment and the rank it gave (在2019年度法治广东建设考评中蝉联全省
    # 第一, 2023年法治宁波建设年度考评排名列全市第一档): the named assessment is the event
    # (catalogue: a named event). Dev +5 / −2 (f044: the same words the readers counted in ba011)
    # ((v27d) a named level's third-party evaluation or rating the same: 在全市第三方评估中位列第3名,
    # 全省政务公开测评排名第二)
    # (r13) (…any rank it gave said with its unit, not only the first: 考评中位列第三名, 排名第5位, 获得
    # A档 — as checkable as the first. A bare 排名第三 or 第二等次 is left out: dev-b −2.)
    r"|(20\d\d年度?|全省|全市|全国|全区)[^,，。;；]{0,14}?(考评|考核|评估|测评)[^,，。;；]{0,4}?(被评为|评为|获得?|获评|列|位列|排名|蝉联|均获)[^,，。;；]{0,8}?(优秀|第一|第[一二三四五六七八九十\d]{1,20}(名|位)|第一档|[AaＡ](级|档)|一等)"
    # a named year's report graded by the body that assesses the reports (2023年法治政府建设年度报告
    # 被评为“优秀”): like a named year's assessment and its rank, the grade of a named document
    # ((r13) …the body or the review named between: 报告在全市评审中获评优秀等次, 报告被市依法治市办评为优秀)
    r"|20\d\d年度?[^,，。;；]{0,16}?报告[^,，。;；]{0,12}?(被评为|评为|获评|获得?)[^,，。;；]{0,6}?(优秀|第一|一等|A级)"
    # a named prize won (“…”获2023年度浙江省改革突破奖银奖)
    r"|获20\d\d年度?[^,，。;；:：]{2,24}奖"
    r"|经验[^,，。;；]{0,12}在全(省|市|国)[^,，。;；]{0,6}推广"
    # a named higher body's praise (中央依法治国办充分肯定, 获司法部通报表扬)
    r"|(中央|国务院|司法部|省委|省政府|省司法厅|依法治国办|依法治省办)[\u4e00-\u9fff]{0,10}?(充分肯定|批示肯定|肯定性批示|通报表扬)"
    # ((r13) an honour conferred at a named level whatever the title's last word (被省信访局评为全省信访
    # 工作示范乡镇, 被司法部命名为全国模范人民调解委员会, 入选全省首批“金牌调解室”): the level names the
    # body that conferred it and the title is checkable, as 示范县 or 先进集体 above)
    r"|(被[^,，。;；:：]{0,10}?(评为|命名为|授予|确定为)|获评|荣获|入选)(全国|全省|全市|全区|全县|全州|省级|市级|国家级)(首批|第[一二三四五六七八九十\d]{1,20}批)?[^,，。;；:：]{2,}"
    # a title conferred, named in quotes (获评“全国模范人民调解委员会”)
    # (获得 too, with the year or the body before the title: 获得2024年度象山县“十佳行政执法案卷”, r26f)
    r"|(?<!力争|争取|努力|争创)(荣获|获评|被评为|被授予|授予)[^,，。;；:：“]{0,14}“[^”]{4,30}”|获得(20\d\d年度?|全国|全省|全市|[\u4e00-\u9fff]{1,6}(省|市|县|区))[^,，。;；:：“]{0,10}“[^”]{4,30}”"
    # (r13) …the conferring body named between 被 and the verb, before a quoted title or a named level
    # (被司法部评为“全国模范人民调解委员会”, 被省司法厅表彰为“全省模范人民调解委员会”, 被市委政法委认定为
    # 全市“枫桥式”工作法): the same checkable honour as 获评“…” — 表彰为/认定为 are its other verbs
    # (not an aim, 力争被评为“…”, here or in the quoted branch above: nothing conferred yet)
    r"|(?<!力争|争取|努力|争创)被[^,，。;；:：“]{1,12}?(评为|命名为|授予|表彰为|认定为|确定为)(“[^”]{4,30}”|(全国|全省|全市|全区|全县|全州|省级|市级|国家级)[^,，。;；:：]{2,})"
)

# Clauses that name work without reporting it done (catalogue: what is never evidence).
# A basis, aim or stock opener: the words up to the end of these match are not work.
# 根据/按照…要求 (up to the requirement named), 为进一步规范… (an aim clause), 在…的正确领导下.
BASIS_OPENER = regex_cache.compile(
    # (not a method named in quotes and followed — 按照“双随机、一公开”工作要求，统筹开展…检查:
    # the work done that way, not a basis; s25)
    # (nor the findings of an inspection or audit of the department itself — 根据县委巡察组反馈意见,
    # 对照审计指出的问题, 按照巡察整改要求: feedback about the unit, the oversight it received, not
    # a higher document cited)
    # ((r18) nor the unit's own need or situation — 根据需要/根据工作实际制定并印发《…管理规定》: no document
    # cited, so the stretch does not run on to swallow the titles the unit made)
    r"^\s*(严格|认真|全面|切实|坚持)?(根据|按照|依据|依照|遵照|对照)(?!“[^”]{2,12}”(工作|监管)?要求)"
    r"(?!(工作|自身|单位|本单位|本局|执法)?(需要|实际|实际需要|工作需要|实际情况|工作实际))"
    r"(?![^,《]{0,20}(巡察|巡视|审计|督察|督查)[^,《]{0,8}(反馈|指出|发现|交办|移交|整改))[^,]{0,40}?(要求|规定|部署|精神|安排|意见|通知|》|纲要|规划|方案|要点)"
    # (a stop word inside the first title ends the basis at that title's end, not inside it:
    # 依据《法治政府建设实施纲要(2021—2025年)》《…年度报告制度工作指引》 cites both)
    r"([^《》,]{0,30}》)?"
    r"((、|和|及|与)?《[^》]{1,60}》)*"
    # 认真贯彻落实《纲要》…, 紧紧围绕…工作要点: the higher document or the year's plan cited;
    # 落实…全会、…委员会第四次会议部署(要求), 贯彻…的专门部署: a higher body's meetings and
    # decisions carried out, not held
    r"|^\s*(认真|深入|全面|切实|严格|坚决|紧紧|持续|坚持|进一步|积极)*(贯彻落实|贯彻|落实|围绕|紧扣|聚焦|对标|对照)"
    # (…but 对标对表制定年度工作要点 makes the plan: an own-document verb ends the basis)
    r"(?:(?!制定|印发|出台|编制|修订|起草)[^,]){0,60}?((纲要|规划|方案|要点|意见|决定|规定|条例|法|通知)(\([^)]*\))?》|纲要|规划|实施方案|工作要点|要点|精神|部署|目标任务)"
    # …and the titles cited with it: 认真贯彻落实《纲要》《重庆市法治政府建设实施方案》
    r"((、|和|及|与)?《[^》]{1,60}》)*"
    r"|^\s*为(了)?(进一步|深入|全面|切实|更好地?|有效|认真|持续)?(贯彻|落实|推进|推动|加强|规范|提升|提高|保障|确保|促进|做好|强化|营造|深化|加快|建设)[^,]*$"
    r"|^\s*在[^,]{0,40}(领导|指导|监督|支持|关心|部署)下"
    # (坚持)以…为指导/先导: the principle the year followed (坚持以普法教育为先导, 以制度建设为保障)
    # (but named days, weeks or months as the focus — 以法治宣传月和“12.4”国家宪法日等宣传活动日
    # 为重点 — are the occasions the work used, named events, not a principle; s25)
    r"|^\s*(始终|一直)?(坚持)?以[^,]{0,60}为(指导|指引|统领|引领|目标|重点(?<![日月周]为重点)|先导)"
    # the report describing its own parts (全文包括…主要工作、存在的主要问题、…第一责任人情况以及…安排)
    r"|^\s*(全文|本报告|报告全文)(共|主要)?(包括|包含|分为)[^,]*"
)
# A higher body's meeting whose spirit or speech is studied (学习贯彻…委员会第三次会议精神) is
# cited like the title of a speech, not a meeting the department held.
STUDIED_MEETING_BEFORE = regex_cache.compile(r"(学习|贯彻|传达|落实|领会|宣讲|宣传)[^,;:]{0,40}$")
# (r13) Not the unit's own numbered meeting that does the studying (厅党组第7次会议传达学习…会议精神,
# 局党组第3次会议学习贯彻…委员会会议精神): a verb of study or deployment between the number and the
# 精神 makes the numbered meeting the one held, whose spirit it is not.
STUDIED_MEETING_AFTER = regex_cache.compile(r"^(?:(?!传达|学习|贯彻|研究|审议|听取|部署)[^,;:]){0,16}?(精神|重要讲话|讲话)")

# A clause that states what the work served, not the work (…，助力我县成功创建“全省法治政府建设
# 示范县”; …，推动法治政府建设任务完成75%; …，确保各项工作落地见效): its figures or honours
# are the whole area's outcome, not detail of the requirement named before it. Walking
# forward, a requirement's detail scope passes over it (dev +4 / −0, s25; 实现 is left out:
# 实现100%“一次办” is the service's own figure, which the readers count).
# A clause that says what the one before it covered (法制审核396宗，涵盖重大决策、规范性文件和重大
# 执法决定): the figure before it is about each thing it names (catalogue: a figure that explicitly
# covers several requirements counts for each of them).
COVERING_CLAUSE = regex_cache.compile(r"\s*(涵盖|覆盖|包括|包含|涉及|其中包括)")
# A requirement's clause that takes up the cases counted in the clause before it (全年作出处罚决定74件，
# 均经法制审核; 查处案件52起，办案全程落实全过程记录; …118件，所有案件均实现音像记录): the cases it
# was applied to, whose count is its detail. Without such words the caseload before a requirement
# named in general words (作出处罚决定215件，罚没款86万元，认真落实法制审核制度) is the
# enforcement volume's, not the requirement's (catalogue: a figure that belongs to another matter).
# (均/全部 only before the act done to them, 均经…审核, 全部在…公示, 一律经…: 执法人员全部持证上岗
# is the staff, not the cases)
# (…and 均/全部/一律 only when they are said of those cases: the clause opens with them, or with
# the cases' own word (案件均经…, 上述处罚决定全部…). A clause that names a subject of its own
# before them — 重大执法决定均经法制审核, 重大案件一律集体讨论, 日常检查一律通过双随机 — says
# it of that subject, a part of the cases or another work that the count before it does not
# count (r29a: the caseload stays another matter's figure).)
ALL_THE_CASES = regex_cache.compile(
    r"\s*(并|且|并且|同时|对)?(上述|以上|前述|这些|该等?|相关)?(执法|行政处罚|处罚|行政)?(案件|决定书?|案卷|处罚|执法决定)?"
    r"(信息|结果)?"
    r"(均|全部|全都|一律)(须|已|都|要)?(经|在|于|按|依|通过|实现|做到|进行|落实|纳入|上网|公示|公开|录入|记录|审核|报送|报备)"
)
TAKES_UP_CASES = regex_cache.compile(
    r"逐一|逐案|所有(案件|决定|处罚)|每一?[起件宗份个]|办案|上述|以上|其中"
    # (each patrol or inspection counted before it: 开展日常巡查1860余次，每次巡查均全程音像记录; y28a)
    r"|每次(巡查|检查|执法|出动)")
RESULT_CLAUSE = regex_cache.compile(r"\s*(助力|确保|使得?|促进|达到|从而|推动[^,，]{0,20}(完成|达|提升|提高))")
# Holding the meeting that an agenda clause belongs to.
# ((r13) 召集 is 召开 said otherwise: 党委书记召集党委会专题研究法治工作7次 — the meeting held, not an agenda)
MEETING_HELD = regex_cache.compile(r"主持召开|组织召开|主持|召开|召集")
# The leader acting in person (亲自部署, 亲自研究, 亲自督办): the act is the leader's own.
OWN_ACT = regex_cache.compile(r"亲自[^,，、]{0,2}?(部署|研究|谋划|推动|安排|抓|督办|过问|协调)")

# An enumeration of areas (在法治学习、普法宣传、纠纷化解、依法决策等方面综合发力; 紧紧围绕依法
#全面履行政府职能、完善依法行政制度体系、推进政务公开、化解矛盾纠纷…): the year's fields
# or aims listed, not work reported. Only the list itself is not work — a figure or an
# act after it (在许可、处罚、检查等方面公示执法信息1200条) still is.
# (r12e) …and so is the work said done over the list in general words (在…、…、…等方面综合发力 /
# 取得明显成效 / 扎实推进): the opening's report of work done, asserted for each field (catalogue:
# sentences of an opening paragraph that report work done count); dev-a +3 / dev-b +1, no loss.
_ITEM = r"[^,，、。;；:：]{2,18}"
# (the list after 在 starts there: 发挥法律顾问在重大决策、合同审查、信访化解、行政应诉等方面的作用
# names the adviser used before 在, and only the fields after it are the list — the first item
# holds no 在)
_FIRST_ITEM = r"[^,，、。;；:：在]{2,18}"
ENUMERATION = regex_cache.compile(
    rf"{_FIRST_ITEM}、(?:{_ITEM}、){{2,{_LIST_MAX}}}{_ITEM}?等(多个?|各个?|诸多?|几个)?(方面|领域|重点工作|环节)(?![^,，。;；]{{0,8}}(取得|综合发力|积极探索|(扎实|有序|稳步)推进|成效|成绩|进展))"
    rf"|(围绕|聚焦|紧扣)(?:{_ITEM}、){{3,{_LIST_MAX}}}{_ITEM}"
    # the fields that law-based thinking runs through (将法治思维贯穿政务服务、行政执法、基层治理
    # 全过程): where the principle applies, not work done in each field
    rf"|(贯穿|融入)(于|到)?(?:{_ITEM}、){{2,{_LIST_MAX}}}{_ITEM}?(全过程|各环节|全领域)"
)
# The topics of a training or of building up staff (法制审核、行政复议应诉、行政调解等法治专业人才
# 培养; 行政许可、行政处罚等业务培训): the fields the staff were trained in (group 1), not work
# done in them. A match reaching the training itself (group 2) is about the training.
TRAINING_TOPICS = regex_cache.compile(
    # (not classes listed as the venues of new courses: 利用党校主体班、行政执法培训班等开设专题课程)
    # (but the ways a training was given are its topics' kin: 以专家讲座、旁听庭审、以案释法等方式开展专题培训)
    rf"((?:{_ITEM}、){{1,{_LIST_MAX}}}{_ITEM}?)等(?:(?:方式|形式)[\u4e00-\u9fff]{{0,6}}?|(?:(?!开设|开展|举办|组织|设置|增设)[\u4e00-\u9fff]){{0,8}}?)(人才培养|人才队伍|队伍建设|业务培训|专题培训|专业培训|培训班|培训|讲座|课程)"
)
# The opening's summary of the year's fields, five or more short aims in a row (力推法治防疫、优化
# 营商环境、助推立法立规、规范执法行为、强化执法监督…): what the year was about, not work reported
# (the catalogue's opening list of key tasks; applied to the opening only).
_AIM = r"(推进|加强|强化|规范|优化|深化|完善|力推|助推|健全|落实|提升|推动|严格|创新|夯实|筑牢|狠抓|抓好|做好|坚持)[^,，、。;；:：]{2,8}"
SUMMARY_LIST = regex_cache.compile(rf"(?:{_AIM}、){{4,{_LIST_MAX}}}{_AIM}")
# The opening's framing of the year's work (以转变政府职能、规范执法为重心, 以深化行政审批制度
# 改革为抓手, 以政府职能转变为核心): the task named (group 1) is the year's aim or means, not work
# reported (the catalogue: an opening list of key tasks, the aim of the year's work). Applied to
# the opening only: in the body 以…为抓手 usually stands beside the act it frames.
FRAMED_AIM = regex_cache.compile(
    r"以([^,，。;；:：]{2,40}?)为(重点|抓手|引领|主线|重心|突破口|切入点|着力点|目标|核心|主攻方向|牵引|统领|载体|中心)"
)

# A remit or designation: who is in charge, not what was done.
REMIT_CLAUSE = regex_cache.compile(
    # ((r16) a bureau or a station as well: 管委会政法工作局负责重大行政决策的合法性审查工作, 镇司法所
    # 负责…备案工作 — the whole clause is the remit, closed by 工作/事务/职责)
    # ((r20) …or bearing it, said with 承担 as well: 法规科承担本局重大行政决策的合法性审查工作; not
    # 承担了, the work taken on and done)
    r"(科|股|处|室|办公室|中心|大队|支队|局|所)(具体|专门)?(负责|承担(?!了))[^,]{0,30}(工作|事务|职责)[。.;；]?\s*$"
    r"|(确定|明确)[^,]{0,20}(为|作为)[^,]{0,20}(牵头|责任|主责)(单位|部门|科室|处室|股室)"
    # a body designated for the work (明确政策法规科为规范性文件合法性审核机构, 确定…为归口管理科室),
    # or put in charge of it (明确由政策法规科负责起草…), or standing as its body (…作为全县规范性文件
    # 备案审查机关): who does it, not that it was done
    r"|(确定|明确|指定)[^,]{0,20}为[^,]{0,24}(机构|机关|科室|处室|股室)"
    r"|(确定|明确|指定)由[^,]{0,16}(牵头)?负责"
    # …or given the duty (明确由政策法规科承担重大执法决定法制审核职责, 确定法规股承担…职责): the
    # body that bears it, not the work done (y28a)
    r"|(确定|明确|指定)由?[^,]{0,16}(科|股|处|室|中心|大队|支队)(牵头)?承担[^,]{0,40}(职责|职能|任务)[。.;；]?\s*$"
    r"|^[^,]{0,16}作为[^,]{0,24}(机构|机关)$"
    # …and the remit in the clause after it (…，负责全镇普法工作的组织协调)
    r"|^\s*负责(?!人|同志)[^,]{0,40}(工作|事务|职责|联络|协调)[。.;；]?\s*$"
    # the office's remit in a clause of its own (县政府办下设法律顾问室，主要承担…合法性审查、法律
    # 顾问工作、…行政应诉工作); not 主要负责人/同志, the leader
    r"|^\s*(主要|具体|专门)(负责(?!人|同志)|承担)[^,]{0,60}(工作|事务|职责)"
    # ((r13) …or a body bearing the duties, said without 确定/明确 before it (镇司法所承担镇政府规范性
    # 文件合法性审查、法律顾问等职责; 局法规科承担全局行政执法监督职能): the standing remit, which
    # names duties, not work done — only 职责/职能 closing the clause, not 工作/任务 (法规科承担了
    # 审核工作 may report the work))
    r"|(所|科|股|处|室|中心|大队|支队|办公室)(主要|具体|专门)?承担[^,]{0,48}(职责|职能)[。.;；]?\s*$"
)
# An agenda: tasks named inside a plan or a meeting's deployment (…等工作作出安排部署).
AGENDA_CLAUSE = regex_cache.compile(
    r"(作出|进行|抓好|做出)(了)?(安排部署|部署安排|具体部署|全面部署|工作部署|专门部署|部署|安排)"
    # (谋划部署, 安排部署 are the same verb as 研究部署: 重点谋划部署深化“放管服”改革…等重要事项
    # names the meeting's tasks; s25: dev +5 / −1, the loss a leader's meeting count that
    # 研究部署 in the same report gives the same way)
    r"|(研究|统筹|专题|谋划|安排)部署"
    # (r37) …and the bare verb before a list of tasks closed by 等…工作 (全面部署法治考评、镇街综合行政
    # 执法改革、行政复议诉讼等重点工作; 部署行政规范性文件…管理、法治政府督察、…等工作): the catalogue's
    # own example in the verb-first order — the tasks are deployed, not reported done. Only 部署 and
    # the closing 等…工作 are the cue (groups lead4…tail4), so the tasks listed between stay off it.
    # (Not 亲自部署, the leader's own act, nor 研究部署/作出部署, the branches above.)
    # (Near the clause's start, and not another's deployment followed: 按照市委部署，推进….)
    r"|^(?![^,]{0,20}(按照|根据|贯彻|落实|遵照|依照))[^,]{0,20}?(?P<lead4>(?<![究筹题划排自出行好做])(全面|统一|专门)?部署(推进|推动|落实)?)"
    # (the closing words looked ahead to, not taken: the prefilter then keys the branch on 部署, a guard word)
    r"(?=[^,]{0,80}、)[^,]{0,80}?(?P<tail4>等(?=[^,]{0,4}(重点|重要|各项)?(工作|任务|事项)))"
    # a meeting that studies a field of work (常务会议5次专题研究信访工作): the meeting is the
    # deployment; the field is its topic, not work reported as done
    r"|专题研究(?!制定|出台|起草|修订)"
    # (r20) a meeting relaying a higher meeting's or document's spirit on a field (镇党委书记传达了全县信访
    # 工作会议精神; 传达学习全省应急管理工作会议精神): the meeting's agenda, not the field's work done
    # (only 传达 and 精神 are the cue, groups lead3…tail3: the field named between stays off the deployment's words)
    r"|(?P<lead3>传达)(学习|贯彻)?了?[^,]{0,30}(会议|讲话|文件|指示|批示)(?P<tail3>精神)"
    # (v27d) a standing body's meeting that studies a field (局党组会议研究政务公开工作4次, 局务会研究
    # 审计整改工作): the same deployment, 专题 left out (catalogue: a meeting about a task is
    # leadership.party_deployment, not the task)
    r"|(党组|党委|党工委|局务|厅务|委务|办公|常务|班子)(会议?|会)[^,]{0,8}研究(?!制定|出台|起草|修订|审议|通过|决定)"
    # (the indicators qualified too: 纳入年度绩效考核核心指标; s25)
    r"|(列入|纳入)[^,]{0,16}(议事日程|工作要点|工作计划|年度计划|重点任务|任务清单|工作安排|考核(核心|重要|关键|主要)?指标)"
    # ((r13) …and the assessment named by what it holds or whose it is rather than by its indicators:
    # 把负责人出庭应诉、行政复议纠错等纳入法治政府建设考核内容, 将法律顾问制度落实情况列入年度目标
    # 责任考核 — the tasks are the assessment's items, not reported done)
    # Only a list of tasks (…、…等 before it): one duty put into the assessment — 将党政主要负责人履行
    # 第一责任人职责情况纳入综合绩效考核, 将专项述法纳入考核内容 — is the accountability for that duty
    # itself (dev −3 when a single item was taken too). Only 纳入 and the assessment's word are the
    # cue (groups lead2, tail2), so the tasks listed before them stay off the deployment's words.
    rf"|(?:[^,、]{{1,30}}、){{1,{_LIST_MAX}}}[^,]{{0,30}}?(?P<lead2>列入|纳入)[^,]{{0,16}}(?P<tail2>考核(内容|体系|范围|事项|细则)|目标(责任)?考核|绩效考核|综合考核|年度考核|考评(内容|体系|指标))"
    r"|(工作要点|工作计划|实施方案|任务清单|责任清单|任务分工)[^,]{0,8}(明确|涵盖|包括|涉及|提出)"
    # ((r13) only 明确 and the tasks' word are the cue (groups lead, tail): the tasks named between
    # them — 明确依法应对突发事件等30项重点任务 — are on the plan, not the deployment's own words)
    r"|(?P<lead>明确)[^,]{0,30}(?P<tail>重点任务|工作任务|年度任务|任务分工|具体任务)"
    # an opening list of the year's key tasks: …深化普法宣传、高效化解矛盾等重点工作
    # ((r12e) not the tasks said done over the list: …矛盾纠纷化解等重点工作有序推进/取得成效)
    r"|(等|作为)[^,]{0,12}重(难)?点(工作|任务|问题)(?![^,，。;；]{0,6}((扎实|有序|稳步|顺利)推进|取得|成效|落地见效|圆满完成))"
    # …and a plan's tasks counted: 明确强化突发事件依法处置等35项主要任务
    r"|等[\d一二三四五六七八九十]{1,20}项主要任务"
    # …and the list closed by its count instead of 等 (围绕优化营商环境、行政复议体制改革和信访积案化解三项重点
    # 工作; 聚焦…及信访稳定两项中心工作): the same opening list of key tasks, named not reported done
    # (the count alone is the cue: the tasks named before it stay off the deployment's own words)
    r"|(?<![\d.])[\d一二三四五六七八九十两]{1,20}(项|个|大)(年度)?(重点|重难点|中心|核心)(工作|任务)"
    # the areas of the year's work, counted: 围绕…规范行政决策行为…等9个方面
    r"|等[\d一二三四五六七八九十]{1,20}个方面"
    # a priority stated, not work reported: 把法治宣传教育摆在重要位置
    r"|(摆在|放在|摆上)[^,]{0,8}(重要|突出|首要|更加突出)(位置|议事日程)"
)

# (r16) A meeting's or a speaker's demand (会议要求各地各部门…; 会议听取…汇报，指出要全面推进…; 局长强调，
# 各科室要…; 县长在会上强调：要…): what it asks for is named, not reported done — tasks named inside a
# meeting's agenda are not evidence that each was done, a meeting about a task is
# leadership.party_deployment (catalogue). Only with the demand's own words after the verb (要, 必须, 务必,
# 应当, or the units asked, 各地/各部门/各单位…): 会议指出，今年以来全县化解信访积案… reports work done.
# The stretch runs from the demand to the sentence's end (match._not_work); the verb is the cue, so
# the deployment's own match on the opener stays (a meeting on a field named in the opener, 在全市信用体系
# 建设推进会上指出…, is the deployment's, not the field's).
# (r18) A sentence that defines an institution or states what it is for, not work reported: a rule's
# own definition (第三条 本制度所称行政执法公示是指…; …是指…的制度), an institution said to be what it
# is, the sentence one clause (行政复议是政府系统自我纠错的监督制度和…救济制度; 行政应诉是检验依法行政
# 水平的试金石; not 本局是全市首个…的部门, nor one going on to the year's cases) or what it aims at (行政执法公示制度重在打造
# “阳光政府”，…). Matched at the sentence's start; every clause of it is the definition's.
# (r20) …the institution said to be what it is in clauses that each open with 是 (行政复议是化解行政争议的
# 主渠道，是政府系统自我纠错的重要制度), and the other nouns writers close such a sentence with (…是行政
# 机关的法定职责; …是…的重要手段; 人民调解是维护稳定的“第一道防线”; 审计监督是…监督体系的重要组成部分).
DEFINITION = regex_cache.compile(
    r"^\s*(其中[,:]?)?(第[一二三四五六七八九十百零]{1,20}条\s*)?"
    r"(本(制度|办法|规定|细则|条例|意见|规则|准则)所称[^,。;]{0,30},?(是指|指)"
    r"|[^,。;]{2,24}(?<!不)(是指|系指)"
    r"|[^,。;是]{2,16}(制度|机制)(重在|旨在|的(目的|核心|要义)在于)"
    r"|[^,。;是]{2,12}是[^,。;]{0,40}(?:,(?:也|更|又|还)?是[^,。;]{0,40}){0,3}"
    r"(制度|机制|渠道|途径|试金石|职责|手段|防线|组成部分)[”\"]?[。]?$)"
)

# (r20) The speaker's place may be one character between 在 and 上 (区卫健委主任在会上指出，…要…; 镇党委书记
# 在会上要求，各村要…): the same demand as 在全市…会议上, with a title too long for the bare-speaker branch.
DEMAND_OPENER = regex_cache.compile(
    r"^\s*(?:(?:会议|会上|大会)(?:还|并|同时|进一步)?|(?:[^,，。;；:：]{0,24}?在[^,，。;；:：]{1,30}?(?:上|中)(?:还|并|同时)?)|[\u4e00-\u9fff]{2,8}(?:同志)?(?:还|并|同时)?"
    # (r17) …or a body's demand of the units it addresses, its points listed after a colon (督察组对下阶段各执法
    # 机关推行“三项制度”提出具体要求：一是…; 检查组对各乡镇提出三点要求：): the points asked for, not done
    r"|[^,，。;；:：]{0,30}?对[^,，。;；:：]{1,40}?"
    # ((r20) …or a document's demand, the paper named however long its issuer (省委办公厅印发的意见要求，各级各部门要…;
    # 《实施方案》明确要求，各单位要…): what the paper asks of those it binds, as 通知要求 is — no work reported)
    r"|[^,，。;；:：]{0,30}?(?:通知|意见|方案|文件|决定|规划|纲要|办法|规定|》)(?:中|里)?(?:还|并|同时|明确|进一步)?)?"
    # ((r20) …or what a body advises, said the same way: 评估组建议，凡涉及…的政策措施均应纳入公平竞争审查范围;
    # 督导组建议，各乡镇要…: the points asked for, not work reported)
    r"(?P<verb>强调|指出|提出|要求|建议)(?:[,，:：]?\s*"
    # ((r17) …with the moment said first: 郑某某同志要求：目前正值信访稳定关键时期，要加强研判…)
    r"(?=(?:(?:目前|当前|眼下|现在)(?:正值|正处|正是|处于)[^,，。;；:：]{0,20}[,，])?"
    r"(?:要(?!求)|必须|务必|应当|各(?:地|级|部门|单位|科室|处室|股室|乡镇|镇|县|区|市|街道|村|社区|成员单位)"
    # ((r18) …or a rule's 凡…均要/一律 said as the demand: 评估组指出，凡涉及市场准入…的文件，均要纳入公平竞争审查
    # 范围; 专家组强调，凡是…都应…: what all such papers must go through, not a review reported)
    r"|凡(?=[^。;；]{0,120}?(?:均|都|一律|必须)(?:要|应|须|需|必须)?)"
    # ((r20) …or 要求 with the units it addresses named with their kind or field between 各 and the unit
    # (要求各执法单位按需配备执法记录仪; 要求各相关执法部门配齐法制审核人员; 会议要求各直属海关…; 督查组要求
    # 各农业综合行政执法队伍…): the units asked, as 各部门 is; only 要求 right before, and not a demand
    # followed (按照要求各执法单位…: what was done as asked)
    r"|(?<=要求)(?<!按照要求)(?<!按要求)(?<!根据要求)(?<!依照要求)(?<!遵照要求)各[^,，。;；:：]{1,10}?"
    r"(?:部门|单位|机关|机构|队伍|大队|中队|支队|执法队|海关|分局|局|所|站|乡镇|镇街|县区|县市区|科室))"
    # ((r18) …or the work named first, then what it must do, after the verb's comma or colon
    # (调研组强调，规范性文件备案审查要坚持…; 会议指出，行政执法工作必须…): the demand made of
    # the work, not the work reported; not 要 ending a word (重要, 主要, 需要, 纲要, 摘要)
    r"|(?<=[,，:：])[^,，。;；:：要]{2,16}?(?<![重主需只纲摘概提简首紧必])(?:要(?!求|点|件|素|闻|务|案|害|职|塞|冲|员|领|义|旨|事)|必须|务必|应当))"
    r"|(?<=提出)了?(?:具体|明确|几点|以下|如下|[一二三四五六七八九十两\d]{1,20}(?:点|项|条))?(?:工作|整改)?要求[:：])"
)

# The object of an inspection (对…行政执法三项制度落实等情况进行督导, 对各单位规范性文件备案
# 工作开展专项检查): what is inspected is named, not reported done by the one inspecting —
# the inspection itself is its own evidence (督导, 检查), outside the object.
INSPECTED_OBJECT = regex_cache.compile(
    # (w27d: 重点评查/重点检查 too, the inspection's focus)
    r"对([^,]{2,60}?)(等)?(工作)?(落实|执行|推进|开展|运行|建设|实施)?(等)?(工作)?情况(进行|开展)(了)?(专项|集中|全面|实地|重点)?"
    r"(督导|督查|督察|检查|抽查|巡查|评估|评查)"
)

# The year's enforcement caseload reported in a clause of its own (全年办理行政处罚案件36件,
# 罚没款12.6万元): a figure about the department's enforcement volume, not about the
# requirement named before it in the sentence (全面落实行政执法三项制度，全年办理行政处罚案件36件).
CASELOAD = regex_cache.compile(
    # (not 案卷, the case files drawn for a review: 随机抽取上年度办结的行政处罚案卷18卷 counts the
    # files reviewed, enforcement.supervision's own detail)
    r"(办理|查处|立案|作出|做出|办结|查办|实施)[^,]{0,8}(行政处罚|处罚|违法|违规|行政强制)[^,]{0,4}(案件|案(?!卷)|决定书?)"
    r"[^,]{0,6}(\d|[一二三四五六七八九十两百千]{1,20}(件|起|宗|份|个))"
    r"|罚没(款|金额)?[^,]{0,4}\d|罚款[^,]{0,6}\d"
    # …and the amount the cases came to (处罚金额318万元, 涉案金额540万元, 案值12.6万元; r29a)
    r"|(处罚|涉案|案值)(总)?(金额)?[^,]{0,4}\d{1,20}(\.\d{1,20})?(万|亿)?元"
    # …and the unlawful acts investigated and cases closed, counted (立案调查违法行为67起, 结案62起),
    # and the unlawful gains confiscated (没收违法所得21万元): the year's enforcement volume again (r29a)
    r"|(立案|查处|查办|调查)[^,]{0,8}违法(违规)?行为[^,]{0,4}(\d|[一二三四五六七八九十两百千]{1,20}余?(件|起|宗))"
    r"|(?<![^,])结案[^,]{0,4}\d{1,20}(件|起|宗)|没收[^,]{0,6}\d{1,20}(\.\d{1,20})?(万|亿)?元"
    # …and the year's inspections and turn-outs counted (开展执法检查320次, 检查企业120家, 出动执法
    # 人员1860人次): enforcement volume again, not the detail of a requirement named before it
    # (…and said with 余/多 or as 监督检查 of a field — 开展市场监管执法检查560余次, 公共场所卫生监督检查
    # 620家次, 安全生产监督检查860家次 — the same volume; not 执法监督检查, the supervision of enforcement, nor
    # 法治…监督检查, the review of the rule of law's own work)
    r"|(?<!执法)(?<!法治)(执法|监督)检查[^,]{0,8}\d{1,20}(余|多)?(次|家|户|个|人次|场次)"
    r"|检查(各类)?(企业|商户|经营户|经营主体|市场主体|生产经营单位|门店|场所)[^,]{0,4}\d{1,20}(家|户|个|次)"
    r"|出动[^,]{0,8}\d{1,20}[^,]{0,2}(人次|台次|车次|人|台|辆)"
    # …and cases investigated counted without naming the penalty (查办案件1200件, 立案查处各类案件
    # 86起, 办理各类执法案件560件)
    r"|(查处|查办)[^,]{0,8}案件?[^,]{0,6}(\d|[一二三四五六七八九十两百千]{1,20}余?(件|起|宗))|(办理|办结)[^,]{0,6}(执法|行政)案件[^,]{0,6}\d"
    # …and the year's government information disclosed counted (主动公开政府信息860条, 依申请公开
    # 政府信息14件, 办理政府信息公开申请9件): oversight.openness's volume, not the detail of the
    # annual report or another requirement named beside it (the report itself published is not
    # counted so: 主动公开2022年度法治政府建设情况报告)
    r"|(主动|依申请)公开(?![^,]{0,40}报告)[^,]{0,10}\d{1,20}(余|多)?(条|件|篇|项|份)"
    r"|公开(政府|政务)信息[^,]{0,6}\d{1,20}(余|多)?(条|件|篇|项|份)"
    r"|(政府信息公开|依申请公开)申请[^,]{0,6}(\d|[一二三四五六七八九十两百千]{1,20}余?(件|条|份))"
    r"|(办理|受理|答复|办结)[^,]{0,4}(政府信息公开|依申请公开)[^,]{0,6}(\d|[一二三四五六七八九十两百千]{1,20}余?(件|条|份))"
    # …and the year's patrols counted (开展日常巡查1860余次, 巡查检查960余次): enforcement volume
    # like the inspections (y28a); not a random check made on patrol (联合巡查抽查36次), the
    # random inspections' own count
    r"|巡查(?![^,\d]{0,8}(抽查|抽检|随机))[^,]{0,8}\d{1,20}(\.\d{1,20})?(余|多)?(次|人次|场次|家|户)"
)
# Counts of other work that end a requirement's detail only walking back: the hazards or problems
# the year's inspections found and had put right (排查整改隐患312处, 发现并整改问题隐患438处,
# 督促整改安全隐患1027项), and the complaints and hotline orders handled (受理投诉举报426件, 办理
# 12345热线工单1860件). Said BEFORE a requirement named in general words they are that other work's
# figures, not its detail (在联合检查中排查整改隐患312处，坚持执法人员持证上岗 — r29a). Said after a
# requirement's own work they are what it found or took in (开展执法监督检查，发现问题隐患45处;
# 自觉接受社会监督，全年办理热线工单1860件), so unlike CASELOAD they do not end the walk forward.
OTHER_WORK_BEFORE = regex_cache.compile(
    r"(排查|整改|整治|发现|消除|查改|治理)[^,]{0,8}隐患[^,]{0,4}\d{1,20}(余|多)?(处|项|个|条|起)"
    r"|(受理|办理|处理|办结|核查)[^,]{0,6}(投诉|举报|热线|工单)[^,]{0,8}\d{1,20}(\.\d{1,20})?(万|余|多)?(件|起|条|个)"
)
OTHER_WORK_GUARD = regex_cache.compile("隐患|投诉|举报|热线|工单")
# A clause that is nothing but a rate (办结率100%, 结案率98%, 群众满意率99.6%, 整改到位率100%):
# standing right after a clause of the year's caseload or business volume, it is that volume's
# rate, a figure of the same other matter, not the detail of a requirement named after it
# (全年办理行政许可事项2386件，办结率100%，全面落实执法公示制度 — r29a). A requirement's own
# rate (公示率100%) is in its own clause, which its detail always takes.
VOLUME_RATE = regex_cache.compile(r"[^,]{0,12}?率(均|始终)?(达到?|为|保持在?)?\d{1,20}(\.\d{1,20})?%$")
# …and the department's business volume: permits, approvals, land and registrations handled
# (作出行政许可决定562件, 审批建设项目用地41宗, 办理不动产登记1.2万件, 受理审批服务事项3860件) —
# the catalogue's own 办理行政许可36件 beside 全面推行三项制度, a figure of another matter (y28a)
# (not approvals reformed: 取消审批事项3项、优化审批服务事项30项 is the reform's own count).
# Read as caseload only in a sentence that does not name the approval service's own reform
# (SERVICE_REFORM): 深化“放管服”改革，全年办理不动产登记1.2万件 counts the service that
# functions.power_list names, so its figure is that requirement's detail.
BUSINESS_VOLUME = regex_cache.compile(
    r"(?<!取消)(?<!下放)(?<!精简)(?<!优化)(?<!承接)(?<!调整)(?<!减少)(?<!压减)"
    r"(审批|批准|核发|办理|受理|办结|作出|做出)[^,]{0,10}(行政许可|许可决定|许可证|审批事项|审批服务事项|用地|登记)"
    r"[^,]{0,8}\d{1,20}(\.\d{1,20})?(万|余|多)?(宗|件|个|项|本|份)"
    # …and those permits' or approvals' rate of being done in time in a clause of its own (行政许可事项办结率
    # 保持100%, 审批事项提前办结率98.5%): the same service's figure, not the detail of an
    # enforcement requirement named beside it
    r"|((行政)?许可|审批)(服务)?(事项|件)?[^,]{0,8}办结率[^,]{0,6}\d{1,20}(\.\d{1,20})?%"
)
SERVICE_REFORM = regex_cache.compile(
    r"放管服|一网通办|一网通|最多跑一次|一次办|一件事|政务服务|审批制度改革|审批服务改革|证照分离|一窗受理|告知承诺|营商环境"
)

# The items a meeting heard or reviewed (听取法治政府建设、法律顾问选聘…等工作汇报; 审议…、规范性
# 文件清理等重要议题; 专题研究…等10余项重要涉法事项; 重点研究…人员不足等困难和问题): named on
# its agenda, not reported done. Only the verb is the meeting's own act (group 1).
# (r30d) …and one field's report heard, the clause ending at it or going on with 并 (听取“八五”普法
# 中期评估工作汇报, 听取关于…情况的报告, 听取…工作汇报并作出部署): the meeting's item (catalogue: a
# meeting about a task is leadership.party_deployment, not the task); from the verb to 汇报/报告
# only (group "heard": the meeting held before it in the clause, 主持召开29次局党组会议, stays), and
# an act said after the hearing is not taken in (听取汇报后，组织开展宪法宣传周活动12场).
AGENDA_ITEMS = regex_cache.compile(
    # ((r13) …or the fields' arrangements: 研究审议“放管服”改革、安全生产等工作安排 — the meeting's
    # agenda, a list closed by 等 as 等事项 is)
    r"(听取|审议|审定|研究|讨论)(?:[^,]{0,60}等[^,]{0,8}(议题|事项|工作汇报|情况汇报|汇报|困难和问题|问题|困难|重要(法治)?工作|工作安排|工作部署)"
    r"|(?<=听取)(?P<heard>[^,]{2,40}?)(工作|情况|进展)的?(专题)?(汇报|报告)(?=并|[。;]?$))"
)
# A clause that opens with the meeting's study of a list of fields (…召开省政府常务会议，研究行政
# 立法、行政执法、法律顾问选聘等工作): the meeting's topics, not work reported as done. Matched at
# a clause's start only: such a clause goes on from the meeting named before it. (Not 审议 or
# 讨论: a meeting reviewing 规范性文件送审稿 or deciding on them does that work itself.)
AGENDA_TOPICS = regex_cache.compile(r"(?:专题)?(研究)(?!审议|讨论|审定|决定)(?:[^,]{0,60}、[^,]{0,60})等[^,]{0,4}工作[。;]?$")

# A meeting about a field of work (召开全市行政复议工作推进会, 召开政务公开工作专题会议): the
# field is the meeting's topic, and the catalogue reads "a meeting about a task is
# leadership.party_deployment, not the task". Group "topic" is the field. Not where the meeting
# is the work itself: a hearing, an experts' review, a joint conference on disputes, a
# 述法 session, a press conference. ((r14) 会 ends the topic — it is another meeting's — but not
# the 会 of 社会: 召开全县社会信用体系建设工作会议, 召开法治政府建设暨社会信用体系建设推进会 are
# meetings about the credit system, not credit work done.)
MEETING_TOPIC = regex_cache.compile(
    r"召开(了)?(?P<topic>(?:(?!述法|听证|论证|座谈|评审|联席|新闻|发布|(?<!社)会)[^。,;，；、]){2,24}?)"
    r"(工作)?(推进会议?|部署会议?|调度会议?|动员会议?|动员大会|工作会议|工作会|专题会议?|工作大会)"
)

# What a sentence holds of these, found once: the matcher (titles of every sentence, the
# quantities of those it judges done) and the quality signals (both, for every sentence)
# ask about the same sentences. Keyed by the normalised text. 2,048 sentences hold a report
# of ~100,000 characters (a longer one only computes some again); real reports rarely share a
# sentence, so a larger cache only kept the sentences of reports already done: scoring the
# 1,323 real openings in one process, RSS grew by ~7.5 MB with 8,192 and ~3.3 MB with 2,048.
@lru_cache(maxsize=2048)
def title_spans(norm: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every 《title》."""
    return tuple(m.span() for m in TITLE_SPAN.finditer(norm))


@lru_cache(maxsize=2048)
def quantities(text: str) -> tuple[tuple[int, str], ...]:
    """(start, text) of every count with its unit (35件, 三次)."""
    return tuple((m.start(), m.group(0)) for m in QUANTITY_AT_STARTS.finditer(text))


# QUANTITY and PARTIAL_DATE open with lookbehinds, so `re` would try them at every position
# of every sentence (and of a report's whole plans part, for the quality signals): tried
# only at a digit, a Chinese numeral or the first character of their other branches
# (scorer.start_chars; the same matches, ~4× faster on report text).
QUANTITY_AT_STARTS = searched_at_starts(QUANTITY)
PARTIAL_DATE_AT_STARTS = searched_at_starts(PARTIAL_DATE)
# NEGATION's branches open with lookbehinds too (不足 not after 存在, 重…轻 not after 注): tried
# at every position, one search of a clause took ~20 µs, a tenth of matching a report; at
# its 42 start characters, ~10× less.
NEGATION_AT_STARTS = searched_at_starts(NEGATION)
# …and the caseload's and business volume's, searched clause by clause in every sentence
# holding their guard words (~12 and ~5 µs a clause plain, ~2.5 and ~1.2 at their starts)
CASELOAD_AT_STARTS = searched_at_starts(CASELOAD)
BUSINESS_VOLUME_AT_STARTS = searched_at_starts(BUSINESS_VOLUME)


# Words every match of a cue holds one of, searched for first: a sentence without any of
# them cannot hold a match, and most sentences hold none (the cue itself, tried at every
# position of every clause, costs ten times more). tests/test_prefilter.py checks each
# list against the literals the cue's parse tree says every match needs: a cue changed so
# that it can match without these words fails there, naming the cue.
def _one_of(*words: str):
    return regex_cache.compile("|".join(words))


GUARDS = {
    "ENUMERATION": _one_of("方面", "领域", "重点工作", "环节", "围绕", "聚焦", "紧扣", "全过程"),
    # (负责 covers 科负责, 具体负责…; 科室/处室/股室 cover 责任科室…)
    "REMIT_CLAUSE": _one_of("负责", "承担", "牵头", "主责", "责任单位", "责任部门",
                            "机构", "机关", "科室", "处室", "股室", "确定", "明确", "指定", "作为"),
    "AGENDA_CLAUSE": _one_of("部署", "议事日程", "安排", "考核指标", "考核", "考评", "核心指标", "重要指标", "关键指标", "主要指标", "实施方案", "工作要点", "工作计划", "年度计划", "重点工作", "重点任务", "中心工作", "中心任务", "核心工作", "核心任务",
                             "重点问题", "重难点", "工作任务", "具体任务", "年度任务", "任务分工", "任务清单", "责任清单", "项主要任务",
                             "个方面", "重要位置", "突出位置", "首要位置", "专题研究", "党组会", "党委会", "党工委会", "局务会", "厅务会", "委务会", "办公会", "常务会", "班子会", "精神"),
    "INSPECTED_OBJECT": _one_of("情况进行", "情况开展"),
    # (the demand's verbs: a sentence without one holds no demand)
    "DEMAND_OPENER": _one_of("强调", "指出", "提出", "要求", "建议"),
    # (所称…指, 是指/系指, a system's 制度/机制, and the nouns a 是 sentence closes with)
    "DEFINITION": _one_of("所称", "指", "制度", "机制", "渠道", "途径", "试金石", "职责", "手段", "防线", "组成部分"),
    "TRAINING_TOPICS": _one_of("培训", "培养", "队伍", "讲座", "课程"),
    "CASELOAD": _one_of("处罚", "违法", "违规", "行政强制", "罚没", "罚款", "检查", "出动", "查处", "查办", "执法案件", "行政案件", "公开",
                          "巡查", "涉案", "案值", "结案", "没收"),
    "BUSINESS_VOLUME": _one_of("许可", "审批", "用地", "登记", "办结率"),
    "AGENDA_ITEMS": _one_of("议题", "事项", "汇报", "报告", "问题", "困难", "重要", "工作安排", "工作部署"),
    "NAMED_BODY": _one_of("配合", "协助", "迎接", "接受", "纪检监察组", "政协委员", "人大代表", "律师事务所", "人民法院",
                          "人民检察院", "组织部", "宣传部", "党校", "政法委", "依法治", "委员会", "人大", "政协",
                          "服务站", "工作站", "工作室", "调解室", "服务中心", "反馈", "整改", "通报", "审议意见", "大学", "学院",
                          "述法", "述职", "报告", "报送", "汇报", "提交", "呈报", "提报", "对我", "对本", "来我", "来本", "审计", "纪委", "监委", "巡视组", "巡察组", "督察组",
                          "带队", "率队"),
}
ENUMERATION_GUARD = GUARDS["ENUMERATION"]
REMIT_GUARD = GUARDS["REMIT_CLAUSE"]
AGENDA_GUARD = GUARDS["AGENDA_CLAUSE"]
TRAINING_GUARD = GUARDS["TRAINING_TOPICS"]
NAMED_BODY_GUARD = GUARDS["NAMED_BODY"]
INSPECTED_GUARD = GUARDS["INSPECTED_OBJECT"]
AGENDA_ITEMS_GUARD = GUARDS["AGENDA_ITEMS"]
CASELOAD_GUARD = GUARDS["CASELOAD"]
BUSINESS_VOLUME_GUARD = GUARDS["BUSINESS_VOLUME"]
DEMAND_GUARD = GUARDS["DEMAND_OPENER"]
DEFINITION_GUARD = GUARDS["DEFINITION"]

# The costly top-level branches of three detail cues (numbered from 0 in the pattern), and
# for each the words a text must hold for it to match: one word of every tuple. match.py
# searches the cue branch by branch, each only in texts holding its words, which finds
# the spans the whole cue finds; tests/test_prefilter.py checks every tuple against the
# literals the branch's parse tree needs.
BRANCH_WORDS = {
    "PLATFORM": {1: (("市", "县", "区", "州", "盟", "旗"), ("平台", "系统", "网", "APP", "App", "app", "小程序")),
                 2: (("“",), ("”",)),
                 6: (("、",), ("等",), ("平台", "公众号"))},
    # (7, 9, 11, 13, 15 open with a lookbehind: re tries them at every position of the text)
    "NAMED_EVENT": {0: (("·", ".", "•", "・", "．"),), 7: (("培训班", "研讨班", "轮训班", "示范班", "研修班", "专题班", "读书班", "学习班", "轮训"),),
                    8: (("大赛", "竞赛", "比赛", "辩论赛"),),
                    9: (("专项整治", "专项治理", "专项行动"),), 10: (("宣传周", "宣传月"),),
                    11: (("交流会", "动员会", "工作会议", "座谈会", "推进会", "现场会", "电视电话会", "联席会议", "观摩会",
                          "述法会议", "述法评议会", "部署会"),),
                    13: (("交流会", "工作会", "座谈会", "推进会", "现场会", "电视电话会"),), 15: (("年活动",),)},
    "NAMED_BODY": {5: (("律师事务所",),)},
}
