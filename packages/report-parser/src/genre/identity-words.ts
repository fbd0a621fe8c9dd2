/**
 * The words of a report's identity, as data: how a title ends in its kind
 * (…部门整体支出绩效自评报告, …部门预算) and opens (关于), a province before a
 * unit's name, the labels of a unit (部门名称, 实施单位 …), of a date (公开时间,
 * 发文日期 …) and of a portal page's frame (索引号, 发布机构), a document
 * number, a masthead, and the words that say what a score is about. One list
 * per concept; identity.ts reads with them and holds no words of its own.
 */
import { ACCOUNTS_TITLE_END, SELF_EVALUATION_CORE, SELF_EVALUATION_TITLE_END, TITLE_REMARK } from './report-words.ts';

/** The kind at the end of a title, taken off to leave the unit's name. */
export const TITLE_KIND_SUFFIX = new RegExp(
  `(部门|单位)?(整体)?(预算)?(支出)?(部门|单位|项目|专项资金预算项目|专项)?(整体)?(及项目)?(支出)?${SELF_EVALUATION_CORE}(?:${SELF_EVALUATION_TITLE_END}|自查报告)${TITLE_REMARK}$|(部门|单位)(决算|预算)${ACCOUNTS_TITLE_END}`,
);

/** Words a title may open with before the unit (关于2021年度…). */
export const TITLE_OPENER = /^关于/;
/** 关于 between the unit and the rest of a title (宁乡市民政局关于2022年度…的报告). */
export const TITLE_LINK = /关于$/;

/** A level word left at the end of a unit's name once the kind is off (区级, 县级 …). */
export const LEVEL_SUFFIX = /(区级|县级|市级|省级)$/;

/** Words that open a kind, not a unit's name (部门整体…, 单位…). */
export const NOT_A_UNIT_START = /^(部门|单位)/;

/** A province (or autonomous region) printed before a unit of a city or county. */
export const PROVINCE_PREFIX = /^([\u4e00-\u9fa5]{2,3}省|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区)(?=[\u4e00-\u9fa5]{2,}[市县区州旗盟])/;

/** Labels of the unit in a paragraph or a cell (部门名称：…). */
export const UNIT_LABEL = /^(?:部门名称|预算主管部门|预算单位名称|报送单位|单位名称|部门\(单位\)名称|预算单位名称|[区县市省]级预算单位名称|预算单位|实施单位|主管部门|填报单位|编制单位|部门(?=:))[:]?(.*)$/;

/** A seal mark and a unit note after a unit's name: (盖章), 单位：万元. */
export const SEAL_MARK = /\(盖章\)|（盖章）/g;
export const UNIT_NOTE_TAIL = /单位:.*$/;

/** Labels of a date: a report's own (填报日期 …) and a portal page's frame (发文日期, 成文日期, 发布日期). */
export const DATE_LABEL = /(公开时间|公开日期|发布时间|发布日期|发文日期|成文日期|填报日期|填表日期|报送日期|编制日期|印发日期|^日期)[:]?/;

/** A date written out in full: with its 年 and ending in 日. */
export const FULL_DATE_YEAR = '年';
export const FULL_DATE_END = '日';

/** A document number on a line of its own (合医保发〔2025〕54号). */
export const DOC_NUMBER = /^[\u4e00-\u9fa5]{1,12}[〔[［(]\d{4}[〕\]］)]\d{1,4}号$/;

/** A portal page's frame: its 索引号 row, and the label of the unit that published the page. */
export const PORTAL_FRAME_ROW = /^索引号/;
export const PUBLISHER_LABEL = /^(发布机构|发文机关|发布单位|信息来源)[:]?(.*)$/;

/** A red masthead (株洲市芦淞区医疗保障局文件): the unit that issues the document. */
export const MASTHEAD = /^(.{4,30}?)文件$/;

/** What a score statement is about, from the words before it: the department as a whole, or a project. */
export const DEPARTMENT_SUBJECT = /整体/;
export const PROJECT_SUBJECT = /项目|专项/;

/**
 * Endings of a unit's name at the start of a title that names no 部门/单位 before its kind
 * (广东省财政厅一般公共预算…“三公”经费支出决算情况说明, 岳阳市…指挥中心2018绩效评价自评报告):
 * the shortest start of the title that ends in one is the unit. 委 alone is left out (县委办公室).
 */
export const TITLE_UNIT_START = /^(.{2,24}?(?:局|委员会|办公室|院|厅|中心|学校|政府|办事处|馆|站|所|队|政协|人大|管理处))(?=.*(?:预算|决算|绩效))/;

/** The unit an opening sentence starts with (达州市环城公路养护中心财政拨款“三公”经费预算2014年情况如下：…): a unit's name, then the kind's words. */
export const OPENING_UNIT = /^([^,。;:《》"]{2,24}?(?:局|委员会|办公室|院|厅|中心|学校|政府|办事处|馆|站|所|队|政协|人大|管理处))(?=[^。]*(?:预算|决算|绩效))/;
