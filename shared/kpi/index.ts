export { computeKpis, EngineerSurveyScores, KpiDay, KpiReport, Mean, Ratio, type KpiInput } from './compute.js';
export { csat, nps, NetScore, SurveyAnswers, surveyScores, surveysOf, type SurveyAnswer } from './survey.js';
